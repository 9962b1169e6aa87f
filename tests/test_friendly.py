"""A NameError or a SyntaxError gets the course's few words above the usual traceback,
from the kernel's start (issue 20.3); the error itself is still raised and reported."""

from __future__ import annotations

import sys

import nbformat
import pytest
from nbclient import NotebookClient

from comrades import friendly

EXTENSION = [f"--InteractiveShellApp.extensions=['{friendly.EXTENSION}']"]
NONE = ["--InteractiveShellApp.extensions=[]"]  # overrides what the environment's file says


def _run(cells: list[str], extra: list[str]) -> list[dict]:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(notebook, kernel_name="python3", allow_errors=True, timeout=60,
                   extra_arguments=extra).execute()
    return [cell.outputs for cell in notebook.cells]


@pytest.fixture(scope="module")
def outputs():
    """A fresh kernel (as after a restart) where no course cell has run."""
    return _run(["check('01.3', answer_01_3)", "answer = a memo", "memo",
                 "print((1, 2)"], EXTENSION)


def _error(outputs: list[dict]) -> dict:
    (error,) = [o for o in outputs if o["output_type"] == "error"]
    return error


def test_a_restarted_kernel_s_name_error_names_the_likely_causes(outputs):
    error = _error(outputs[0])
    assert error["ename"] == "NameError", "the error is still the error"
    head = error["traceback"][0]
    assert head.startswith(friendly.HEADING) and "'check'" in head
    assert "not been run" in head and "restarted" in head
    assert any("NameError" in line for line in error["traceback"][1:]), "usual traceback"


def test_an_answer_typed_without_quotes_is_a_syntax_error_with_the_remedy(outputs):
    for cell in (outputs[1], outputs[3]):
        error = _error(cell)
        assert error["ename"] == "SyntaxError"
        assert error["traceback"][0] == friendly.SYNTAX_MESSAGE
        assert 'answer = "your words"' in error["traceback"][0]


def test_a_bare_word_is_most_likely_text_without_quotes(outputs):
    head = _error(outputs[2])["traceback"][0]
    assert head.index("without quotes") < head.index("not been run")
    assert '"memo"' in head


def test_without_the_extension_the_kernel_says_nothing_of_the_course():
    """The control: what a student saw before (the messages come from the extension)."""
    error = _error(_run(["answer_01_3"], NONE)[0])
    assert error["ename"] == "NameError" and friendly.HEADING not in error["traceback"][0]


def test_the_course_s_import_installs_it_in_a_kernel_that_was_not_configured():
    """The in-browser edition's kernel reads no configuration: importing the course
    installs the messages from then on."""
    outputs = _run(["import comrades", "answer_01_3"], NONE)
    assert _error(outputs[1])["traceback"][0].startswith(friendly.HEADING)


def test_installing_writes_the_kernel_configuration_once_and_keeps_the_rest(tmp_path):
    path = friendly.config_file(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("c.IPKernelApp.matplotlib = 'inline'", encoding="utf-8")
    friendly.write_config(tmp_path)
    friendly.write_config(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("c.IPKernelApp.matplotlib = 'inline'\n")
    assert text.count(friendly.EXTENSION) == 1
    from traitlets.config.loader import PyFileConfigLoader

    loaded = PyFileConfigLoader(path.name, path=str(path.parent)).load_config()
    assert list(loaded.InteractiveShellApp.extensions.get_value([])) == [friendly.EXTENSION]
    assert loaded.IPKernelApp.matplotlib == "inline"


def test_make_set_up_the_environment_it_tests(request):
    """`make test` installs it into the environment it runs (skipped when pytest runs
    in an environment make did not set up)."""
    path = friendly.config_file(sys.prefix)
    if not path.exists():
        pytest.skip(f"{path} was not written: this environment was not set up by make")
    assert friendly.EXTENSION in path.read_text(encoding="utf-8")
    # and a kernel started with no arguments, as JupyterLab starts one, has it
    error = _error(_run(["answer_01_3"], [])[0])
    assert error["traceback"][0].startswith(friendly.HEADING)
