"""Jupyter's own kernel test suite (jupyter_kernel_test) for the memsim kernel, every sample filled in."""
import os
import unittest

import jupyter_kernel_test


class MemsimKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("MEMSIM_KERNEL", "memsim")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a name of the session, for completion and inspect whatever order the tests run in
        reply = cls.kc.execute_interactive("numbers = [1, 2, 3]", timeout=60, output_hook=lambda message: None)
        assert reply["content"]["status"] == "ok", reply["content"]

    language_name = "python"
    file_extension = ".py"

    code_hello_world = 'print("hello, world")'
    code_stderr = 'import sys\nprint("careful", file=sys.stderr)'

    # names the session made, and builtins, which are names of the session too
    completion_samples = [{"text": "numb", "matches": {"numbers"}}, {"text": "zi", "matches": {"zip"}}]

    complete_code_samples = ["1", 'print("hello, world")', "def f(x):\n    return x * 2\n\n"]
    incomplete_code_samples = ['print("""hello', "for i in range(3):", "def f(x):\n    x * 2"]
    invalid_code_samples = ["import = 7q", "x = [1, 2}"]

    # exactly one output, the error, for a failing cell
    code_generate_error = 'raise ValueError("nope")'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"mem" + "sim"', "result": "'memsim'"},
        {"code": "[1, 2] + [3]", "result": "[1, 2, 3]"},
    ]
    code_display_data = [
        {"code": "numbers = [1, 2, 3]", "mime": "image/png"},
        {"code": "numbers = [1, 2, 3]", "mime": "text/markdown"},
    ]

    code_history_pattern = "6 ? 7"
    supported_history_operations = ("tail", "range", "search")

    # what a name of the session refers to
    code_inspect_sample = "numbers"

    # no pager and no clear_output in memsim's Python: those two tests do not apply
    test_pager = None
    test_clear_output = None


if __name__ == "__main__":
    unittest.main()
