"""The memsim kernel interrupted and restarted by Jupyter's own client (jupyter_client)."""
import os
import unittest

from kernel_case import KernelCase

TIMEOUT = 60


class LifecycleTests(KernelCase):
    kernel = os.environ.get("MEMSIM_KERNEL", "memsim")
    timeout = TIMEOUT

    def run_cell(self, code):
        reply, outputs = self.execute(code, allow_stdin=False)
        return reply["content"], outputs

    def stdout(self, outputs):
        return "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")

    def test_interrupt_of_an_endless_loop_then_the_next_cell_runs(self):
        reply, _ = self.run_cell("kept = 41")
        self.assertEqual(reply["status"], "ok")
        msg_id = self.kc.execute("while True: pass", allow_stdin=False)
        # the cell is running once the kernel has said busy for it
        while True:
            message = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if message["parent_header"].get("msg_id") == msg_id and message["msg_type"] == "execute_input":
                break
        self.km.interrupt_kernel()
        while True:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "KeyboardInterrupt")
        # the session's names survive the interrupt
        reply, outputs = self.run_cell("print(kept + 1)")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(self.stdout(outputs), "42\n")

    def test_killed_and_restarted_by_the_client(self):
        self.run_cell("before = 1")
        old = self.km.provisioner.process
        self.km.restart_kernel(now=True)
        self.assertIsNotNone(old.poll())
        self.kc.wait_for_ready(timeout=TIMEOUT)
        reply, outputs = self.run_cell("print(2 + 2)")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(self.stdout(outputs), "4\n")
        # a fresh session: the name of the killed kernel is gone
        reply, _ = self.run_cell("before")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "NameError")


if __name__ == "__main__":
    unittest.main()
