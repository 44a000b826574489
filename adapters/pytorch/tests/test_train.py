"""The optimiser step: the plain and weight-normalised updates equal their formulas, the 2λ
weight-decay convention, aligned mode uses the given weights and batches deterministically, free
mode's batch order, snapshots and divergence."""
import math
import unittest

import numpy as np
import torch

import helpers  # noqa: F401  (import path)
from theorem_spec_torch.nets import compile_architecture, forward
from theorem_spec_torch.train import FreeBatches, RunJob, TrainJob, he_normal, train

MLP = {"kind": "mlp", "inputDim": 6, "hidden": [8, 7], "outputDim": 3, "normalization": "none"}
CONV = {"kind": "conv", "inputShape": [8], "inputChannels": 2, "conv": [{"kernel": 2, "stride": 2, "channels": 3}],
        "outputDim": 3, "normalization": "none"}


def make_job(arch=MLP, *, runs=2, count=12, batch=4, steps=1, mode="aligned", normalized=False, lam=0.01, eta=0.1,
             record=None, seed=0, zero_data=False, schedule=None):
    plan = compile_architecture({**arch, "normalization": "weight" if normalized else "none"})
    rng = np.random.default_rng(seed)
    jobs = []
    for s in range(runs):
        x = rng.standard_normal((count, plan.input_size)).astype(np.float32)
        labels = rng.integers(0, plan.output_dim, count)
        y = np.eye(plan.output_dim, dtype=np.float32)[labels]
        if zero_data:
            x[:] = 0
            y[:] = 0
        init = [(rng.standard_normal((r, c)) * math.sqrt(2 / c)).astype(np.float32) for r, c in plan.shapes]
        batches = np.stack([rng.permutation(count)[:batch] for _ in range(steps)]).astype(np.int32)
        jobs.append(RunJob(seed=100 + s, weight_decay=lam * (s + 1), learning_rate=eta / (s + 1), inputs=x, targets=y,
                           initial_weights=init, batches=batches))
    return TrainJob(plan=plan, mode=mode, runs=jobs, batch_size=batch, full_batch=batch == count, steps=steps,
                    record_at=record if record is not None else [0, steps],
                    schedule=np.ones(steps) if schedule is None else schedule)


def batch_gradient(plan, weights, x, y):
    """∇_W of (1/B) Σ ‖f_W(x_n) − y_n‖² for one run (float64 autograd on the effective weights)."""
    ws = [torch.tensor(w, dtype=torch.float64, requires_grad=True) for w in weights]
    out = forward(plan, [w.unsqueeze(0) for w in ws], torch.tensor(x, dtype=torch.float64).unsqueeze(0))
    loss = ((out - torch.tensor(y, dtype=torch.float64).unsqueeze(0)) ** 2).sum() / x.shape[0]
    return [g.numpy() for g in torch.autograd.grad(loss, ws)]


def first_step_terms(job, run):
    """Per layer, in float64 at W⁰ and the run's first minibatch: (W⁰, ∇_W L, g⁰ = ‖W⁰‖_F,
    V̂ = W⁰/g⁰, ∂L/∂g = ⟨∇_W L, V̂⟩) — what one weight-normalised step is computed from."""
    idx = run.batches[0]
    w0 = [w.astype(np.float64) for w in run.initial_weights]
    grads = batch_gradient(job.plan, w0, run.inputs[idx], run.targets[idx])
    terms = []
    for w, gw in zip(w0, grads):
        g = np.linalg.norm(w)
        v = w / g
        terms.append((w, gw, g, v, np.sum(gw * v)))
    return terms


class PlainStep(unittest.TestCase):
    def test_one_step_is_w_minus_eta_grad_plus_2_lambda_w(self):
        job = make_job(steps=1)
        res = train(job)
        for s, run in enumerate(job.runs):
            idx = run.batches[0]
            grads = batch_gradient(job.plan, run.initial_weights, run.inputs[idx], run.targets[idx])
            for k, (w0, g) in enumerate(zip(run.initial_weights, grads)):
                want = w0 - run.learning_rate * (g + 2 * run.weight_decay * w0)
                np.testing.assert_allclose(res[s].weights[k][0], w0, rtol=0, atol=0)  # snapshot 0 = initial
                np.testing.assert_allclose(res[s].weights[k][1], want, rtol=1e-5, atol=1e-6)

    def test_decay_is_2_lambda(self):
        # zero data: the loss gradient is 0, so one step scales W by exactly 1 − 2ηλ (in float32)
        job = make_job(steps=1, zero_data=True, lam=0.05, eta=0.5)
        res = train(job)
        for s, run in enumerate(job.runs):
            lr, decay = np.float32(run.learning_rate), np.float32(2 * run.weight_decay)
            for k, w0 in enumerate(run.initial_weights):
                np.testing.assert_array_equal(res[s].weights[k][1], w0 - lr * (np.float32(0) + decay * w0))
                np.testing.assert_allclose(res[s].weights[k][1], (1 - 2 * run.learning_rate * run.weight_decay) * w0, rtol=1e-6)
            self.assertEqual(res[s].losses, [0.0, 0.0])

    def test_schedule_multiplies_the_step(self):
        job = make_job(steps=1, zero_data=True, lam=0.05, eta=0.5, schedule=np.array([0.25]))
        res = train(job)
        run = job.runs[0]
        np.testing.assert_allclose(res[0].weights[0][1], (1 - 2 * 0.25 * run.learning_rate * run.weight_decay) * run.initial_weights[0], rtol=1e-6)


class WeightNormStep(unittest.TestCase):
    def test_one_step_is_the_projected_formula(self):
        for arch in (MLP, CONV):
            job = make_job(arch, steps=1, normalized=True, lam=0.02, eta=0.2)
            res = train(job)
            for s, run in enumerate(job.runs):
                eta, lam = run.learning_rate, run.weight_decay
                for k, (_, gw, g, v, dg) in enumerate(first_step_terms(job, run)):
                    dv = g * (gw - dg * v)  # ∇_V L at ‖V‖ = 1: g (I − V Vᵀ) ∇_W L
                    g1 = g - eta * (dg + 2 * lam * g)
                    v1 = v - eta * dv
                    v1 /= np.linalg.norm(v1)
                    np.testing.assert_allclose(res[s].weights[k][1], g1 * v1, rtol=2e-5, atol=2e-6)

    def test_zero_gradient_decays_only_g(self):
        job = make_job(steps=3, normalized=True, zero_data=True, lam=0.1, eta=0.3, record=[0, 1, 2, 3])
        res = train(job)
        for s, run in enumerate(job.runs):
            f = 1 - 2 * run.learning_rate * run.weight_decay
            for k, w0 in enumerate(run.initial_weights):
                for t in range(4):
                    np.testing.assert_allclose(res[s].weights[k][t], f ** t * w0, rtol=1e-5, atol=1e-7)


class AlignedMode(unittest.TestCase):
    def test_deterministic_and_uses_the_given_batches(self):
        job = make_job(steps=6, record=[0, 3, 6])
        a, b = train(job), train(job)
        for ra, rb in zip(a, b):
            self.assertEqual(ra.steps, [0, 3, 6])
            self.assertEqual(ra.losses, rb.losses)
            for wa, wb in zip(ra.weights, rb.weights):
                np.testing.assert_array_equal(wa, wb)
        # another batch at step 0 changes the result
        job.runs[0].batches = job.runs[0].batches.copy()
        job.runs[0].batches[0] = (job.runs[0].batches[0] + 1) % 12
        c = train(job)
        self.assertFalse(np.array_equal(a[0].weights[0][1], c[0].weights[0][1]))
        np.testing.assert_array_equal(a[1].weights[0], c[1].weights[0])  # runs never interact

    def test_runs_trained_together_equal_runs_trained_alone(self):
        job = make_job(arch=CONV, runs=3, steps=5, normalized=True)
        together = train(job)
        for s in range(3):
            alone = train(TrainJob(**{**job.__dict__, "runs": [job.runs[s]]}))[0]
            for wt, wa in zip(together[s].weights, alone.weights):
                np.testing.assert_allclose(wt, wa, rtol=1e-5, atol=1e-6)

    def test_snapshot_loss_is_full_training_set_square_loss(self):
        job = make_job(steps=2, lam=0.3)
        res = train(job)
        for s, run in enumerate(job.runs):
            ws = [torch.from_numpy(w[-1]).double().unsqueeze(0) for w in res[s].weights]
            out = forward(job.plan, ws, torch.from_numpy(run.inputs).double().unsqueeze(0))[0].numpy()
            want = np.sum((out - run.targets) ** 2) / run.inputs.shape[0]  # mean over samples, sum over outputs, no penalty
            self.assertAlmostEqual(res[s].losses[-1], want, places=4)


class FreeMode(unittest.TestCase):
    def test_seeded_he_init(self):
        a, b = he_normal([(300, 200)], 7), he_normal([(300, 200)], 7)
        self.assertTrue(torch.equal(a[0], b[0]))
        self.assertFalse(torch.equal(a[0], he_normal([(300, 200)], 8)[0]))
        self.assertEqual(a[0].dtype, torch.float32)
        self.assertAlmostEqual(float(a[0].var()), 2 / 200, delta=0.05 * 2 / 200)

    def test_batch_order_is_epochs_of_permutations(self):
        order = FreeBatches(3, 10, 3)
        got = torch.cat([order.take(2), order.take(5)]).numpy()  # 7 batches = 3 epochs of 3, minus 2
        self.assertEqual(got.shape, (7, 3))
        for e in range(2):
            epoch = got[3 * e:3 * e + 3].ravel()
            self.assertEqual(len(set(epoch.tolist())), 9)  # distinct: one permutation, last 10 mod 3 dropped
        again = FreeBatches(3, 10, 3).take(7).numpy()
        np.testing.assert_array_equal(got, again)

    def test_free_training_is_seeded(self):
        job = make_job(steps=4, mode="free")
        a, b = train(job), train(job)
        np.testing.assert_array_equal(a[0].weights[0], b[0].weights[0])
        self.assertFalse(np.array_equal(a[0].weights[0][0], job.runs[0].initial_weights[0]))


class Progress(unittest.TestCase):
    def test_progress_at_most_once_per_second(self):
        import theorem_spec_torch.train as tr
        clock = iter(np.arange(0, 100, 0.4))  # each look at the clock: 0.4 s later
        real = tr.time.monotonic
        tr.time.monotonic = lambda: float(next(clock))
        try:
            seen = []
            train(make_job(steps=12), lambda done, total: seen.append((done, total)))
        finally:
            tr.time.monotonic = real
        self.assertEqual([d for d, _ in seen], [2, 5, 8, 11])  # whenever ≥ 1 s has passed since the last one
        self.assertTrue(all(total == 12 for _, total in seen))


class Divergence(unittest.TestCase):
    def test_diverging_run_stops_with_a_prefix_others_continue(self):
        job = make_job(steps=40, record=[0, 10, 20, 30, 40], lam=0.0, eta=0.1)
        job.runs[0].learning_rate = 50.0
        res = train(job)
        self.assertEqual(res[0].status, "diverged")
        self.assertIn("step", res[0].reason)
        self.assertLess(len(res[0].steps), 5)
        self.assertEqual(res[0].steps, [0, 10, 20, 30, 40][: len(res[0].steps)])
        self.assertEqual(res[0].weights[0].shape[0], len(res[0].steps))
        self.assertEqual(res[1].status, "ok")
        self.assertEqual(res[1].steps, [0, 10, 20, 30, 40])
        self.assertTrue(all(math.isfinite(v) for v in res[1].losses))


if __name__ == "__main__":
    unittest.main()
