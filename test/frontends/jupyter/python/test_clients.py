"""The protocol server under Jupyter's own client (jupyter_client), with the test handler's kernel.

The kernel named by MEMSIM_TEST_KERNEL runs test/frontends/jupyter/test-handler.mjs, whose cells
are commands ("wait" waits until interrupted, "input P" asks for a line); Python is not involved.
"""
import os
import unittest

from jupyter_kernel_test.msgspec_v5 import validate_message

from kernel_case import KernelCase

TIMEOUT = 30


class ClientTests(KernelCase):
    kernel = os.environ.get("MEMSIM_TEST_KERNEL", "memsim-test")
    timeout = TIMEOUT

    def run_cell(self, code, **kwargs):
        reply, outputs = self.execute(code, **kwargs)
        for message in [reply, *outputs]:
            validate_message(message, message["msg_type"], reply["parent_header"]["msg_id"])
        return reply, outputs

    def test_kernel_info_and_heartbeat(self):
        msg_id = self.kc.kernel_info()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        validate_message(reply, "kernel_info_reply", msg_id)
        self.assertEqual(reply["header"]["version"], "5.3")
        self.assertTrue(self.kc.hb_channel.is_beating())

    def test_outputs_between_busy_and_idle(self):
        reply, outputs = self.run_cell("hello")
        self.assertEqual(reply["content"]["status"], "ok")
        kinds = [m["msg_type"] if m["msg_type"] != "status" else m["content"]["execution_state"] for m in outputs]
        self.assertEqual(kinds, ["busy", "execute_input", "stream", "idle"])
        self.assertEqual(outputs[2]["content"]["text"], "hello\n")

    def test_input_through_stdin(self):
        asked = []

        def answer(message):
            asked.append(message["content"]["prompt"])
            self.kc.input("Ada")

        _, outputs = self.run_cell("input Your name?", allow_stdin=True, stdin_hook=answer)
        self.assertEqual(asked, ["Your name?"])
        self.assertIn("got Ada\n", [m["content"].get("text") for m in outputs])

    def test_interrupt_then_next_cell(self):
        msg_id = self.kc.execute("wait")
        self.assertEqual(self.kc.get_iopub_msg(timeout=TIMEOUT)["content"]["execution_state"], "busy")
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        validate_message(reply, "execute_reply", msg_id)
        self.assertEqual(reply["content"]["ename"], "KeyboardInterrupt")
        reply, _ = self.run_cell("after")
        self.assertEqual(reply["content"]["status"], "ok")

    def test_killed_and_restarted(self):
        before = self.km.provisioner.process
        self.km.restart_kernel(now=True)
        self.assertNotEqual(before.pid, self.km.provisioner.process.pid)
        self.assertIsNotNone(before.poll())
        self.kc.wait_for_ready(timeout=TIMEOUT)
        reply, _ = self.run_cell("again")
        self.assertEqual(reply["content"]["status"], "ok")
        # a fresh kernel: its first cell again
        self.assertEqual(reply["content"]["execution_count"], 1)

    def test_restarted_by_asking(self):
        before = self.km.provisioner.process
        self.km.restart_kernel(now=False)
        # asked to shut down for a restart, the old kernel ended by itself rather than being killed
        self.assertEqual(before.poll(), 0)
        self.kc.wait_for_ready(timeout=TIMEOUT)
        reply, _ = self.run_cell("again")
        self.assertEqual(reply["content"]["execution_count"], 1)

    def test_shutdown_ends_the_process_by_itself(self):
        process = self.km.provisioner.process
        self.km.shutdown_kernel(now=False)
        # not killed after the wait: the kernel exited on its own
        self.assertEqual(process.poll(), 0)


if __name__ == "__main__":
    unittest.main()
