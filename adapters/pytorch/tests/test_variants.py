"""The benign variants (train.Variant, trainer.py's --wn / --batches / --run-order): each is the
correct implementation it claims to be, and the default is the reference bit for bit."""
import unittest

import numpy as np
import torch

import helpers  # noqa: F401  (import path)
from test_train import CONV, MLP, batch_gradient, first_step_terms, make_job
from theorem_spec_torch.train import REFERENCE, FreeBatches, ReplacementBatches, Variant, train



def assert_same(testcase, a, b):
    testcase.assertEqual(len(a), len(b))
    for ra, rb in zip(a, b):
        testcase.assertEqual(ra.status, rb.status)
        testcase.assertEqual(ra.steps, rb.steps)
        testcase.assertEqual(ra.losses, rb.losses)
        for wa, wb in zip(ra.weights, rb.weights):
            np.testing.assert_array_equal(wa, wb)


class Defaults(unittest.TestCase):
    def test_default_variant_is_the_reference(self):
        self.assertEqual(Variant(), REFERENCE)
        self.assertEqual(REFERENCE.describe(), "")
        job = make_job(steps=5, normalized=True, mode="free", record=[0, 2, 5])
        assert_same(self, train(job), train(job, None, Variant(wn="projected", batches="epochs", run_order="together")))

    def test_unknown_choice_refused(self):
        for kw in ({"wn": "both"}, {"batches": "shuffled"}, {"run_order": "random"}):
            with self.assertRaises(ValueError):
                Variant(**kw)


class ReparametrisedWeightNorm(unittest.TestCase):
    V = Variant(wn="reparametrised")

    def test_first_step_equals_the_projected_direction_before_renormalising(self):
        # V⁰ = W⁰/‖W⁰‖: ∇_V is the projected one; V¹ = V⁰ − η∇_V (not renormalised), W¹ = g¹ V¹/‖V¹‖.
        for arch in (MLP, CONV):
            job = make_job(arch, steps=1, normalized=True, lam=0.02, eta=0.2)
            res = train(job, None, self.V)
            for s, run in enumerate(job.runs):
                eta, lam = run.learning_rate, run.weight_decay
                for k, (_, gw, g, v, dg) in enumerate(first_step_terms(job, run)):
                    g1 = g - eta * (dg + 2 * lam * g)
                    v1 = v - eta * g * (gw - dg * v)
                    np.testing.assert_allclose(res[s].weights[k][1], g1 * v1 / np.linalg.norm(v1), rtol=2e-5, atol=2e-6)

    def test_second_step_is_the_reparametrised_gradient_at_norm_above_one(self):
        # Two steps by hand in float64, V kept unnormalised: ∇_V L = (g/‖V‖)(I − V̂V̂ᵀ)∇_W L.
        job = make_job(MLP, runs=1, steps=2, normalized=True, lam=0.02, eta=0.3, record=[0, 1, 2])
        res = train(job, None, self.V)
        proj = train(job)
        run = job.runs[0]
        gs = [np.linalg.norm(w.astype(np.float64)) for w in run.initial_weights]
        vs = [w.astype(np.float64) / g for w, g in zip(run.initial_weights, gs)]
        for t in range(2):
            ws = [g * v / np.linalg.norm(v) for g, v in zip(gs, vs)]
            idx = run.batches[t]
            grads = batch_gradient(job.plan, ws, run.inputs[idx], run.targets[idx])
            for k, gw in enumerate(grads):
                n = np.linalg.norm(vs[k])
                vhat = vs[k] / n
                dg = np.sum(gw * vhat)
                dv = gs[k] / n * (gw - dg * vhat)
                self.assertLess(abs(np.sum(dv * vs[k])), 1e-9 * max(1.0, np.linalg.norm(dv)))  # ∇_V ⊥ V
                gs[k] = gs[k] - run.learning_rate * (dg + 2 * run.weight_decay * gs[k])
                vs[k] = vs[k] - run.learning_rate * dv
        for k in range(len(vs)):
            self.assertGreater(np.linalg.norm(vs[k]), 1.0)  # ‖V‖ grew: not renormalised
            np.testing.assert_allclose(res[0].weights[k][2], gs[k] * vs[k] / np.linalg.norm(vs[k]), rtol=5e-5, atol=5e-6)
        self.assertFalse(np.array_equal(res[0].weights[0][2], proj[0].weights[0][2]))  # differs from projected

    def test_torch_initialisation_v0_equals_w0(self):
        # wn_init="weights": V⁰ = W⁰ (‖V⁰‖ = g⁰), so ∇_V L = (g/‖V‖)(I − V̂V̂ᵀ)∇_W L is 1/g⁰ of the unit-init one.
        job = make_job(MLP, steps=1, normalized=True, lam=0.02, eta=0.2)
        res = train(job, None, Variant(wn="reparametrised", wn_init="weights"))
        for s, run in enumerate(job.runs):
            for k, (w, gw, g, vhat, dg) in enumerate(first_step_terms(job, run)):
                g1 = g - run.learning_rate * (dg + 2 * run.weight_decay * g)
                v1 = w - run.learning_rate * (gw - dg * vhat)  # (g/‖V‖) = 1
                np.testing.assert_allclose(res[s].weights[k][1], g1 * v1 / np.linalg.norm(v1), rtol=2e-5, atol=2e-6)
        with self.assertRaises(ValueError):
            Variant(wn_init="weights")  # only with the reparametrised form

    def test_zero_gradient_decays_only_g(self):
        job = make_job(steps=3, normalized=True, zero_data=True, lam=0.1, eta=0.3, record=[0, 1, 2, 3])
        res = train(job, None, self.V)
        for s, run in enumerate(job.runs):
            f = 1 - 2 * run.learning_rate * run.weight_decay
            for k, w0 in enumerate(run.initial_weights):
                for t in range(4):
                    np.testing.assert_allclose(res[s].weights[k][t], f ** t * w0, rtol=1e-5, atol=1e-7)

    def test_plain_networks_unaffected(self):
        job = make_job(steps=4, normalized=False)
        assert_same(self, train(job), train(job, None, self.V))


class WithReplacementBatches(unittest.TestCase):
    def test_uniform_with_replacement_and_seeded(self):
        got = ReplacementBatches(3, 10, 4).take(5000).numpy()
        self.assertEqual(got.shape, (5000, 4))
        self.assertTrue(((got >= 0) & (got < 10)).all())
        counts = np.bincount(got.ravel(), minlength=10)
        self.assertLess(np.abs(counts / got.size - 0.1).max(), 0.01)  # uniform
        self.assertTrue(any(len(set(b)) < 4 for b in got.tolist()))  # repeats within a batch occur
        np.testing.assert_array_equal(got[:7], ReplacementBatches(3, 10, 4).take(7).numpy())
        a = ReplacementBatches(3, 10, 4)
        np.testing.assert_array_equal(np.concatenate([a.take(3).numpy(), a.take(4).numpy()]), got[:7])  # chunking is invisible
        self.assertFalse(np.array_equal(got[:7], ReplacementBatches(4, 10, 4).take(7).numpy()))
        self.assertFalse(np.array_equal(got[:7], FreeBatches(3, 10, 4).take(7).numpy()))

    def test_free_training_uses_it_and_aligned_ignores_it(self):
        v = Variant(batches="with-replacement")
        free = make_job(steps=6, mode="free")
        a, b = train(free, None, v), train(free, None, v)
        assert_same(self, a, b)
        self.assertFalse(np.array_equal(a[0].weights[0][-1], train(free)[0].weights[0][-1]))
        aligned = make_job(steps=6)
        assert_same(self, train(aligned), train(aligned, None, v))


class RunOrder(unittest.TestCase):
    def test_results_in_request_order_and_equal_to_together(self):
        for arch, normalized in ((MLP, False), (CONV, True)):
            for mode in ("aligned", "free"):
                job = make_job(arch, runs=3, steps=5, normalized=normalized, mode=mode, record=[0, 2, 5])
                together = train(job)
                for order in ("reversed", "one-by-one", "one-by-one-reversed"):
                    other = train(job, None, Variant(run_order=order))
                    for rt, ro in zip(together, other):
                        self.assertEqual(rt.steps, ro.steps)
                        np.testing.assert_allclose(ro.losses, rt.losses, rtol=1e-5)
                        for wt, wo in zip(rt.weights, ro.weights):
                            np.testing.assert_allclose(wo, wt, rtol=1e-5, atol=1e-6)

    def test_one_by_one_progress_covers_the_request(self):
        import theorem_spec_torch.train as tr
        clock = iter(np.arange(0, 1000, 0.6))
        real = tr.time.monotonic
        tr.time.monotonic = lambda: float(next(clock))
        try:
            seen = []
            train(make_job(runs=2, steps=6), lambda done, total: seen.append((done, total)), Variant(run_order="one-by-one"))
        finally:
            tr.time.monotonic = real
        self.assertTrue(seen)
        self.assertTrue(all(total == 12 and 0 <= done <= 12 for done, total in seen))
        self.assertEqual([d for d, _ in seen], sorted(d for d, _ in seen))
        self.assertTrue(any(d >= 6 for d, _ in seen))  # the second run's steps count after the first's

    def test_diverging_run_is_still_reported_in_place(self):
        job = make_job(steps=40, record=[0, 10, 20, 30, 40], lam=0.0, eta=0.1)
        job.runs[0].learning_rate = 50.0
        for order in ("reversed", "one-by-one-reversed"):
            res = train(job, None, Variant(run_order=order))
            self.assertEqual(res[0].status, "diverged")
            self.assertEqual(res[1].status, "ok")


class Flags(unittest.TestCase):
    def test_hello_names_the_variant(self):
        import json, os, subprocess, sys
        trainer = os.path.join(helpers.ROOT, "trainer.py")
        for flags, want in (([], None), (["--wn", "reparametrised", "--batches", "with-replacement", "--run-order", "reversed"],
                                         "[wn reparametrised, batches with-replacement, run order reversed]")):
            out = subprocess.run([sys.executable, trainer, *flags], input='{"type":"shutdown"}\n', capture_output=True,
                                 text=True, timeout=120)
            self.assertEqual(out.returncode, 0, out.stderr)
            name = json.loads(out.stdout.splitlines()[0])["name"]
            if want is None:
                self.assertNotIn("[", name)
            else:
                self.assertTrue(name.endswith(want), name)
        bad = subprocess.run([sys.executable, trainer, "--wn", "nope"], input="", capture_output=True, text=True, timeout=120)
        self.assertNotEqual(bad.returncode, 0)


if __name__ == "__main__":
    unittest.main()
