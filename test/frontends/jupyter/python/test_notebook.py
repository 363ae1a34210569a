"""A notebook executed headless with nbclient on the memsim kernel: every cell's saved outputs hold
its memory diagram (a PNG), the names of one cell are there in the next, and a %%c cell runs C."""
import base64
import os
import tempfile
import unittest

import nbclient
import nbformat

CELLS = [
    'names = ["Ada", "Alan"]',
    'same = names\nsame.append("Grace")',
    "print(len(names))",
    'def greet(who):\n    return "Hello, " + who\n\nmessage = greet(names[0])',
    "counts = {name: len(name) for name in names}",
    "message",
    "total = sum(counts.values())\nprint(total)",
    '%%c\n#include <stdio.h>\n#include <stdlib.h>\n\nint main(void) {\n    int *squares = malloc(3 * sizeof(int));\n'
    '    for (int i = 0; i < 3; i++) squares[i] = i * i;\n    printf("%d\\n", squares[2]);\n    free(squares);\n    return 0;\n}',
]


class NotebookTests(unittest.TestCase):
    def test_cells_draw_memory_and_share_names(self):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(source) for source in CELLS]
        nbclient.execute(nb, kernel_name=os.environ.get("MEMSIM_KERNEL", "memsim"), timeout=120)
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "memory.ipynb")
            nbformat.write(nb, path)
            saved = nbformat.read(path, as_version=4)
        for number, cell in enumerate(saved.cells, 1):
            with self.subTest(cell=number):
                kinds = [o.output_type for o in cell.outputs]
                self.assertNotIn("error", kinds)
                pngs = [o.data["image/png"] for o in cell.outputs if o.output_type == "display_data" and "image/png" in o.data]
                self.assertGreaterEqual(len(pngs), 1)
                self.assertEqual(base64.b64decode(pngs[0])[:8], b"\x89PNG\r\n\x1a\n")

        def text(cell):
            return "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")

        # cell 3 reads the list cells 1 and 2 made and changed
        self.assertEqual(text(saved.cells[2]), "3\n")
        results = [o for o in saved.cells[5].outputs if o.output_type == "execute_result"]
        self.assertEqual(results[0].data["text/plain"], "'Hello, Ada'")
        self.assertEqual(text(saved.cells[6]), "12\n")
        # the %%c cell ran as C: its output, and its account of the heap block it freed
        self.assertEqual(text(saved.cells[7]), "4\n")
        shown = [o.data for o in saved.cells[7].outputs if o.output_type == "display_data"]
        self.assertIn("Allocated 1 heap block (12 bytes asked for); freed 1 of them (12 bytes).", shown[0]["text/markdown"])
        self.assertIn("Stack: main with", shown[0]["text/plain"])


if __name__ == "__main__":
    unittest.main()
