"""A test case with a kernel of its own, started by Jupyter's own client (jupyter_client) for
each test and shut down after it."""
import unittest

from jupyter_client.manager import start_new_kernel


class KernelCase(unittest.TestCase):
    kernel = "memsim"
    timeout = 60

    def setUp(self):
        self.km, self.kc = start_new_kernel(kernel_name=self.kernel, startup_timeout=self.timeout)

    def tearDown(self):
        self.kc.stop_channels()
        if self.km.has_kernel:
            self.km.shutdown_kernel(now=True)

    def execute(self, code, **kwargs):
        """Runs a cell; its reply and the IOPub messages it caused."""
        outputs = []
        reply = self.kc.execute_interactive(code, timeout=self.timeout, output_hook=outputs.append, **kwargs)
        return reply, outputs
