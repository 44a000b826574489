"""Protocol round trips with trainer.py as a subprocess: hello, train (MLP and conv), result files,
`error` for requests it cannot serve (the process stays up), shutdown, exit at the end of stdin."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np

import helpers
from request_example import write_request

TRAINER = os.path.join(helpers.ROOT, "trainer.py")


class Trainer:
    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, TRAINER, "--threads", "1"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def send(self, obj):
        self.proc.stdin.write((obj if isinstance(obj, str) else json.dumps(obj)) + "\n")
        self.proc.stdin.flush()

    def read(self):
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError("trainer closed stdout; stderr:\n" + self.proc.stderr.read())
        return json.loads(line)  # every stdout line must be a JSON object

    def answer(self, request_id):
        """The next non-progress message (progress lines are checked on the way)."""
        while True:
            msg = self.read()
            if msg["type"] != "progress":
                return msg
            assert msg["id"] == request_id and 0 <= msg["done"] <= msg["total"], msg

    def close(self):
        for f in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                f.close()
            except OSError:
                pass
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def conv_request(base):
    rng = np.random.default_rng(1)
    os.makedirs(os.path.join(base, "out"), exist_ok=True)
    np.save(os.path.join(base, "schedule.npy"), np.ones(5))
    labels = rng.integers(0, 2, 16).astype(np.int32)
    np.save(os.path.join(base, "x.npy"), rng.standard_normal((16, 6 * 4 * 2)).astype(np.float32))
    np.save(os.path.join(base, "labels.npy"), labels)
    np.save(os.path.join(base, "y.npy"), np.where(labels == 1, 1, -1).astype(np.float32)[:, None])
    return {"type": "train", "protocol": 1, "id": "c1", "dir": base, "mode": "free",
            "architecture": {"kind": "conv", "inputShape": [6, 4], "inputChannels": 2,
                             "conv": [{"kernel": [2, 2], "stride": [2, 2], "channels": 3}], "outputDim": 1, "normalization": "weight"},
            "layers": [{"rows": 3, "cols": 8}, {"rows": 1, "cols": 18}], "batchSize": 4, "fullBatch": False, "steps": 5,
            "recordAt": [0, 2, 5], "divergenceFactor": 1000, "schedule": "schedule.npy",
            "runs": [{"seed": s, "weightDecay": 0.01, "learningRate": 0.05, "count": 16, "dim": 48, "classes": 2,
                      "inputs": "x.npy", "labels": "labels.npy", "targets": "y.npy", "initialWeights": None, "batches": None}
                     for s in (1, 2)]}


class RoundTrip(unittest.TestCase):
    def setUp(self):
        self.t = Trainer()
        self.addCleanup(self.t.close)
        self.tmp = tempfile.TemporaryDirectory(prefix="theorem-spec-test-")
        self.addCleanup(self.tmp.cleanup)

    def test_session(self):
        t = self.t
        hello = t.read()
        self.assertEqual(hello["type"], "hello")
        self.assertEqual(hello["protocol"], 1)
        self.assertEqual(hello["modes"], ["free", "aligned"])
        self.assertRegex(hello["name"], r"^pytorch \S+ \(cpu, 1 thread\)$")

        # an MLP request, aligned mode, weight normalisation
        base = os.path.join(self.tmp.name, "r1")
        msg = write_request(base, runs=3, steps=20, mode="aligned", dim=5, hidden=[6, 4], classes=3, count=24,
                            batch=8, wn=True, record_every=5)
        msg["id"] = "r1"
        t.send(msg)
        res = t.answer("r1")
        self.assertEqual(res["type"], "result", res)
        self.assertEqual((res["id"], res["mode"]), ("r1", "aligned"))
        self.assertEqual(len(res["runs"]), 3)
        self.assertGreaterEqual(res["timing"]["trainSeconds"], 0)
        for s, run in enumerate(res["runs"]):
            self.assertEqual(run["status"], "ok")
            self.assertEqual(run["steps"], [0, 5, 10, 15, 20])
            self.assertEqual(len(run["losses"]), 5)
            shapes = []
            for rel in run["weights"]:
                self.assertTrue(rel.startswith("out/"))
                w = np.load(os.path.join(base, rel))
                self.assertEqual(w.dtype, np.float32)
                shapes.append(w.shape)
            self.assertEqual(shapes, [(5, 6, 5), (5, 4, 6), (5, 3, 4)])
            # aligned: snapshot 0 holds the request's initial weights
            w0 = np.load(os.path.join(base, run["weights"][0]))[0]
            np.testing.assert_allclose(w0, np.load(os.path.join(base, msg["runs"][s]["initialWeights"][0])), rtol=1e-6)

        # requests it cannot serve: an error with the id; the process stays up
        t.send({**msg, "id": "v2", "protocol": 2})
        err = t.read()
        self.assertEqual((err["type"], err["id"]), ("error", "v2"))
        self.assertIn("2", err["message"])
        self.assertIn("1", err["message"])
        t.send({**msg, "id": "a1", "architecture": {"kind": "transformer", "outputDim": 3}})
        err = t.read()
        self.assertEqual((err["type"], err["id"]), ("error", "a1"))
        self.assertIn("transformer", err["message"])
        t.send({**msg, "id": "m1", "runs": [{**msg["runs"][0], "inputs": "runs/0/missing.npy"}]})
        err = t.read()
        self.assertEqual((err["type"], err["id"]), ("error", "m1"))
        t.send("this is not json")
        self.assertEqual(t.read()["type"], "error")

        # a conv request (2-D, free mode, ±1 targets) still served
        cbase = os.path.join(self.tmp.name, "c1")
        t.send(conv_request(cbase))
        res = t.answer("c1")
        self.assertEqual(res["type"], "result", res)
        for run in res["runs"]:
            self.assertEqual(run["steps"], [0, 2, 5])
            self.assertEqual([np.load(os.path.join(cbase, w)).shape for w in run["weights"]], [(3, 3, 8), (3, 1, 18)])

        t.send({"type": "shutdown"})
        self.assertEqual(t.proc.wait(timeout=20), 0)

    def test_exits_at_end_of_stdin(self):
        self.assertEqual(self.t.read()["type"], "hello")
        self.t.proc.stdin.close()
        self.assertEqual(self.t.proc.wait(timeout=20), 0)
        self.assertEqual(self.t.proc.stdout.read(), "")  # nothing after hello


if __name__ == "__main__":
    unittest.main()
