"""Network conventions: conv layout against the suite's explicit patch formula (1-D and 2-D, with
stride), MLP forward, and the loss gradient (autograd) against float64 finite differences."""
import unittest

import numpy as np
import torch

import helpers  # noqa: F401  (import path)
from helpers import forward_host, local_layer_host
from theorem_spec_torch import nets
from theorem_spec_torch.nets import (ArchitectureError, compile_architecture, conv_layer, flat_to_grid, forward, grid_to_flat,
                                     kernel_to_torch, patch_layer)
from theorem_spec_torch.train import effective_weights

CONV_1D = {"kind": "conv", "inputShape": [11], "inputChannels": 2,
           "conv": [{"kernel": 3, "stride": 2, "channels": 3}, {"kernel": 2, "stride": 1, "channels": 4}],
           "outputDim": 3, "normalization": "none"}
CONV_2D = {"kind": "conv", "inputShape": [7, 6], "inputChannels": 2,
           "conv": [{"kernel": [3, 2], "stride": [2, 1], "channels": 3}, {"kernel": [2, 2], "stride": [1, 2], "channels": 2}],
           "outputDim": 2, "normalization": "none"}
TREE_1D = {"kind": "conv", "inputShape": [9], "inputChannels": 2,
           "conv": [{"kernel": 2, "stride": 2, "channels": 3}, {"kernel": 2, "stride": 2, "channels": 2}],
           "outputDim": 2, "normalization": "none"}  # non-overlapping; 9 → 4 → 2 (remainders dropped)
TILES_2D = {"kind": "conv", "inputShape": [5, 4], "inputChannels": 1,
            "conv": [{"kernel": [2, 2], "stride": [2, 2], "channels": 3}], "outputDim": 2, "normalization": "none"}
MLP = {"kind": "mlp", "inputDim": 5, "hidden": [7, 6], "outputDim": 3, "normalization": "none"}


def random_weights(plan, S, rng, dtype=np.float64):
    return [rng.standard_normal((S, r, c)).astype(dtype) for r, c in plan.shapes]


class ConvLayout(unittest.TestCase):
    def test_shapes_follow_valid_padding(self):
        plan = compile_architecture(CONV_1D)
        self.assertEqual(plan.shapes, [(3, 6), (4, 6), (3, 16)])  # 11 → 5 → 4 positions
        self.assertEqual(plan.input_size, 22)
        plan2 = compile_architecture(CONV_2D)
        self.assertEqual([l.shape_out for l in plan2.layers[:2]], [(3, 5), (2, 2)])
        self.assertEqual(plan2.shapes, [(3, 12), (2, 12), (2, 8)])

    def check_against_patches(self, arch):
        for strategy in ("auto", "conv", "patches"):
            with self.subTest(strategy=strategy):
                nets.CONV_STRATEGY = strategy
                try:
                    self.check_strategy(arch)
                finally:
                    nets.CONV_STRATEGY = "auto"

    def check_strategy(self, arch):
        rng = np.random.default_rng(3)
        plan = compile_architecture(arch)
        S, M = 3, 4
        ws = random_weights(plan, S, rng)
        x = rng.standard_normal((S, M, plan.input_size))
        got = forward(plan, [torch.from_numpy(w) for w in ws], torch.from_numpy(x)).numpy()
        for s in range(S):
            want = forward_host(plan, [w[s] for w in ws], x[s])
            np.testing.assert_allclose(got[s], want, rtol=1e-10, atol=1e-10)
        # the first conv layer on its own, before the ReLU, by each method
        layer = plan.layers[0]
        grid = flat_to_grid(torch.from_numpy(x), layer.shape_in, layer.channels_in)
        by_conv = grid_to_flat(conv_layer(grid, torch.from_numpy(ws[0]), layer), S).numpy()
        by_patches = patch_layer(torch.from_numpy(x), torch.from_numpy(ws[0]), layer).numpy()
        for s in range(S):
            want = local_layer_host(x[s], ws[0][s], layer)
            np.testing.assert_allclose(by_conv[s], want, rtol=1e-10, atol=1e-10)
            np.testing.assert_allclose(by_patches[s], want, rtol=1e-10, atol=1e-10)

    def test_1d_with_stride_matches_patch_formula(self):
        self.check_against_patches(CONV_1D)

    def test_2d_with_stride_matches_patch_formula(self):
        self.check_against_patches(CONV_2D)

    def test_non_overlapping_1d_and_2d_match_patch_formula(self):
        self.check_against_patches(TREE_1D)
        self.check_against_patches(TILES_2D)

    def test_kernel_matrix_is_the_documented_conv1d_weight(self):
        # docs/trainer-protocol.md: conv1d weight [c_out, c_in, k] = W.reshape(c_out, k, c_in).permute(0, 2, 1)
        plan = compile_architecture(CONV_1D)
        w = torch.randn(1, 3, 6, dtype=torch.float64)
        want = w[0].reshape(3, 3, 2).permute(0, 2, 1)
        self.assertTrue(torch.equal(kernel_to_torch(w, plan.layers[0]), want))

    def test_layout_round_trip(self):
        h = torch.randn(2, 3, 7 * 6 * 2, dtype=torch.float64)
        self.assertTrue(torch.equal(grid_to_flat(flat_to_grid(h, (7, 6), 2), 2), h))


class MlpForward(unittest.TestCase):
    def test_matches_host(self):
        rng = np.random.default_rng(4)
        plan = compile_architecture(MLP)
        self.assertEqual(plan.shapes, [(7, 5), (6, 7), (3, 6)])
        ws = random_weights(plan, 2, rng)
        x = rng.standard_normal((2, 9, 5))
        got = forward(plan, [torch.from_numpy(w) for w in ws], torch.from_numpy(x)).numpy()
        for s in range(2):
            np.testing.assert_allclose(got[s], forward_host(plan, [w[s] for w in ws], x[s]), rtol=1e-12)

    def test_unsupported_architectures_are_refused(self):
        for bad in [{**MLP, "kind": "transformer"}, {**MLP, "normalization": "batch"}, {**MLP, "hidden": [0]},
                    {**CONV_1D, "conv": [{"kernel": 12, "channels": 2}]}, {**CONV_2D, "inputShape": [1, 2, 3]}, None]:
            with self.assertRaises(ArchitectureError):
                compile_architecture(bad)


class LossGradient(unittest.TestCase):
    """torch autograd of the minibatch square loss vs central finite differences (float64)."""

    def check(self, arch, normalized):
        plan = compile_architecture({**arch, "normalization": "weight" if normalized else "none"})
        rng = np.random.default_rng(5)
        S, M = 2, 5
        x = torch.from_numpy(rng.standard_normal((S, M, plan.input_size)))
        y = torch.from_numpy(rng.standard_normal((S, M, plan.output_dim)))
        mats = [torch.from_numpy(w * 0.5).requires_grad_() for w in random_weights(plan, S, rng)]
        scales = [torch.from_numpy(rng.uniform(0.5, 2, (S, 1, 1))).requires_grad_() for _ in mats] if normalized else []

        def loss(*params):
            ms, gs = params[: len(mats)], params[len(mats):]
            ws = effective_weights(ms, gs if normalized else None)
            return ((forward(plan, ws, x) - y) ** 2).sum() / M

        self.assertTrue(torch.autograd.gradcheck(loss, tuple(mats + scales), eps=1e-6, atol=1e-6, rtol=1e-5))

    def test_mlp(self):
        self.check(MLP, False)

    def test_mlp_weight_normalised(self):
        self.check(MLP, True)

    def test_conv_1d(self):
        self.check(CONV_1D, False)

    def test_conv_2d_weight_normalised(self):
        self.check(CONV_2D, True)

    def test_tree_conv_by_patches(self):
        self.assertTrue(all(nets.uses_patches(l) for l in compile_architecture(TREE_1D).layers[:-1]))
        self.check(TREE_1D, False)


if __name__ == "__main__":
    unittest.main()
