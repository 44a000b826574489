"""Shared test helpers: import path, a numpy host forward with the suite's explicit patch formula."""
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from theorem_spec_torch.nets import NetworkPlan  # noqa: E402


def patch_table(layer) -> np.ndarray:
    """table[j, o] = the input position read by output position j at kernel offset o
    (src/nets/convNet.ts, compileConvLayers)."""
    dims = len(layer.kernel)
    taps = layer.taps
    positions_out = int(np.prod(layer.shape_out))
    width_in = layer.shape_in[1] if dims == 2 else 1
    width_out = layer.shape_out[1] if dims == 2 else 1
    kw = layer.kernel[1] if dims == 2 else 1
    table = np.zeros((positions_out, taps), dtype=np.int64)
    for j in range(positions_out):
        r, c = (j // width_out, j % width_out) if dims == 2 else (j, 0)
        for o in range(taps):
            a, b = (o // kw, o % kw) if dims == 2 else (o, 0)
            row = r * layer.stride[0] + a
            col = c * layer.stride[1] + b if dims == 2 else 0
            table[j, o] = row * width_in + col
    return table


def local_layer_host(h: np.ndarray, w: np.ndarray, layer) -> np.ndarray:
    """out[n, j·c_out + c'] = Σ_o Σ_c w[c', o·c_in + c] · h[n, table[j, o]·c_in + c]
    (src/nets/localLayerHost.ts), float64."""
    table = patch_table(layer)
    n = h.shape[0]
    c_in = layer.channels_in
    hp = h.reshape(n, -1, c_in)  # [N, P_in, c_in]
    patches = hp[:, table, :].reshape(n, table.shape[0], layer.taps * c_in)  # [N, P_out, k·c_in]
    return (patches @ w.T).reshape(n, -1)


def forward_host(plan: NetworkPlan, weights, x: np.ndarray) -> np.ndarray:
    """f_W(x) for one run, float64, by explicit patches for conv layers and W h for dense ones."""
    h = np.asarray(x, dtype=np.float64)
    last = len(plan.layers) - 1
    for k, (layer, w) in enumerate(zip(plan.layers, weights)):
        w = np.asarray(w, dtype=np.float64)
        z = local_layer_host(h, w, layer) if layer.kind == "conv" else h @ w.T
        h = np.maximum(z, 0) if k < last else z
    return h
