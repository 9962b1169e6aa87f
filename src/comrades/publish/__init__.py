"""Builders of the course's other editions, run from a source checkout by ``make``:

* ``student``  — ``build/student/``: the course a student pulls, without solutions,
  instructor materials or plain answer keys (``make student-edition``), and the
  ``student`` branch made from it (``make student-branch``);
* ``site``     — ``build/site/``: a static, offline reading copy with charts as SVG
  (``make site``);
* ``handouts`` — ``build/handouts/``: a printable PDF per lesson (``make handouts``).

None of them is imported by the lessons; the site and the handouts need the ``site``
extra (``vl-convert-python``) and the test tools (``nbclient``, ``playwright``).
"""
