"""The networks of the suite (CLAIMS.md, "Conventions"), forward pass for S runs at once.

- Bias-free ReLU MLP  f(x) = W_L σ(… σ(W_1 x)),  W_k row-major [out, in].
- Local-kernel CNN: conv layers (valid padding, stride, 1-D or 2-D, no bias, ReLU after each),
  then a dense last layer [C, positions·channels].

Layouts at the boundary (the suite's, src/nets/convNet.ts):
- an activation is [positions, channels] per sample, flattened position-major (positions of a
  2-D map row-major) — numpy/TF "NWC"/"NHWC";
- a kernel's parameter matrix is [c_out, k·c_in], column o·c_in + c for kernel offset o
  (row-major over a 2-D kernel) and input channel c.

Inside, conv layers run as torch's F.conv1d / F.conv2d in NCW / NCHW, with the S runs stacked
along the channel axis and groups = S (so each run sees only its own kernel); see
`kernel_to_torch` and `flat_to_grid` / `grid_to_flat` for the conversions. Weights always carry a
leading run axis: [S, rows, cols].
"""
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F


class ArchitectureError(ValueError):
    """The request's architecture is malformed or not supported (answered with an `error`)."""


@dataclass(frozen=True)
class LayerPlan:
    kind: str  # "dense" or "conv"
    rows: int  # dense: out; conv: c_out
    cols: int  # dense: in;  conv: k·c_in
    # conv only:
    shape_in: Tuple[int, ...] = ()
    shape_out: Tuple[int, ...] = ()
    kernel: Tuple[int, ...] = ()
    stride: Tuple[int, ...] = ()
    channels_in: int = 0
    channels_out: int = 0

    @property
    def taps(self) -> int:
        n = 1
        for k in self.kernel:
            n *= k
        return n


@dataclass(frozen=True)
class NetworkPlan:
    layers: Tuple[LayerPlan, ...]
    input_size: int
    output_dim: int
    normalized: bool

    @property
    def shapes(self) -> List[Tuple[int, int]]:
        return [(l.rows, l.cols) for l in self.layers]


def _positive_int(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ArchitectureError(f"{what} = {value!r}; expected an integer >= 1")
    return value


def _tuple(value, dims: int, what: str) -> Tuple[int, ...]:
    if isinstance(value, (list, tuple)):
        if len(value) != dims:
            raise ArchitectureError(f"{what} = {value!r}; expected {dims} entr{'y' if dims == 1 else 'ies'}")
        return tuple(_positive_int(v, what) for v in value)
    return tuple(_positive_int(value, what) for _ in range(dims))


def compile_architecture(arch) -> NetworkPlan:
    """Validates the request's `architecture` object and returns its layer plan."""
    if not isinstance(arch, dict):
        raise ArchitectureError(f"architecture is {arch!r}; expected an object")
    kind = arch.get("kind")
    normalization = arch.get("normalization", "none")
    if normalization not in ("none", "weight"):
        raise ArchitectureError(f'architecture.normalization = {normalization!r}; supported: "none", "weight"')
    output_dim = _positive_int(arch.get("outputDim"), "architecture.outputDim")
    normalized = normalization == "weight"
    if kind == "mlp":
        input_dim = _positive_int(arch.get("inputDim"), "architecture.inputDim")
        hidden = arch.get("hidden", [])
        if not isinstance(hidden, list):
            raise ArchitectureError(f"architecture.hidden = {hidden!r}; expected a list of widths")
        sizes = [input_dim] + [_positive_int(h, "architecture.hidden[]") for h in hidden] + [output_dim]
        layers = tuple(LayerPlan("dense", rows=sizes[k + 1], cols=sizes[k]) for k in range(len(sizes) - 1))
        return NetworkPlan(layers, input_dim, output_dim, normalized)
    if kind == "conv":
        shape = arch.get("inputShape")
        if not isinstance(shape, list) or len(shape) not in (1, 2):
            raise ArchitectureError(f"architecture.inputShape = {shape!r}; expected [length] or [height, width]")
        dims = len(shape)
        shape = tuple(_positive_int(n, "architecture.inputShape[]") for n in shape)
        channels = _positive_int(arch.get("inputChannels"), "architecture.inputChannels")
        convs = arch.get("conv")
        if not isinstance(convs, list) or not convs:
            raise ArchitectureError("architecture.conv is empty or missing; expected at least one conv layer")
        input_size = channels
        for n in shape:
            input_size *= n
        layers: List[LayerPlan] = []
        for l, spec in enumerate(convs):
            if not isinstance(spec, dict):
                raise ArchitectureError(f"architecture.conv[{l}] = {spec!r}; expected {{kernel, stride, channels}}")
            kernel = _tuple(spec.get("kernel"), dims, f"architecture.conv[{l}].kernel")
            stride = _tuple(spec.get("stride", spec.get("kernel")), dims, f"architecture.conv[{l}].stride")
            c_out = _positive_int(spec.get("channels"), f"architecture.conv[{l}].channels")
            shape_out = tuple((n - k) // s + 1 for n, k, s in zip(shape, kernel, stride))
            if any(k > n for n, k in zip(shape, kernel)):
                raise ArchitectureError(f"architecture.conv[{l}]: kernel {list(kernel)} does not fit its input {list(shape)} (valid padding)")
            taps = 1
            for k in kernel:
                taps *= k
            layers.append(LayerPlan("conv", rows=c_out, cols=taps * channels, shape_in=shape, shape_out=shape_out,
                                    kernel=kernel, stride=stride, channels_in=channels, channels_out=c_out))
            shape, channels = shape_out, c_out
        features = channels
        for n in shape:
            features *= n
        layers.append(LayerPlan("dense", rows=output_dim, cols=features))
        return NetworkPlan(tuple(layers), input_size, output_dim, normalized)
    raise ArchitectureError(f'architecture.kind = {kind!r} is not supported; expected "mlp" or "conv"')


# --- layout conversions -------------------------------------------------------------------------

def kernel_to_torch(w: torch.Tensor, layer: LayerPlan) -> torch.Tensor:
    """[S, c_out, k·c_in] (column o·c_in + c) → a grouped torch conv weight [S·c_out, c_in, *kernel]."""
    S = w.shape[0]
    v = w.reshape(S, layer.channels_out, *layer.kernel, layer.channels_in)
    # move the channel axis in front of the kernel axes
    order = (0, 1, v.dim() - 1) + tuple(range(2, v.dim() - 1))
    return v.permute(*order).reshape(S * layer.channels_out, layer.channels_in, *layer.kernel)


def flat_to_grid(h: torch.Tensor, shape: Sequence[int], channels: int) -> torch.Tensor:
    """[S, M, P·c] position-major → [M, S·c, *shape] (NC… with the runs stacked on the channels)."""
    S, M = h.shape[0], h.shape[1]
    v = h.reshape(S, M, *shape, channels)
    order = (1, 0, v.dim() - 1) + tuple(range(2, v.dim() - 1))
    return v.permute(*order).reshape(M, S * channels, *shape)


def grid_to_flat(g: torch.Tensor, runs: int) -> torch.Tensor:
    """[M, S·c, *shape] → [S, M, P·c] position-major."""
    M, Sc = g.shape[0], g.shape[1]
    shape = tuple(g.shape[2:])
    v = g.reshape(M, runs, Sc // runs, *shape)
    order = (1, 0) + tuple(range(3, v.dim())) + (2,)
    return v.permute(*order).reshape(runs, M, -1)


def conv_layer(grid: torch.Tensor, w: torch.Tensor, layer: LayerPlan) -> torch.Tensor:
    """One conv layer before its ReLU, all runs, by torch's grouped convolution:
    [M, S·c_in, *shape_in] → [M, S·c_out, *shape_out]."""
    S = w.shape[0]
    weight = kernel_to_torch(w, layer)
    if len(layer.kernel) == 1:
        return F.conv1d(grid, weight, stride=layer.stride, groups=S)
    return F.conv2d(grid, weight, stride=layer.stride, groups=S)


def patch_layer(h: torch.Tensor, w: torch.Tensor, layer: LayerPlan) -> torch.Tensor:
    """The same layer by patches (Tensor.unfold) and a batched product, in the position-major
    layout: [S, M, P_in·c_in] → [S, M, P_out·c_out]. Row (n, j) of the patch matrix holds the
    inputs read by output position j, column o·c_in + c — the kernel matrix's own column order."""
    S, M = h.shape[0], h.shape[1]
    v = h.reshape(S, M, *layer.shape_in, layer.channels_in)
    if len(layer.kernel) == 1:
        p = v.unfold(2, layer.kernel[0], layer.stride[0]).permute(0, 1, 2, 4, 3)  # [S, M, P_out, k, c]
    else:
        p = v.unfold(2, layer.kernel[0], layer.stride[0]).unfold(3, layer.kernel[1], layer.stride[1])  # [S, M, Ho, Wo, c, kh, kw]
        p = p.permute(0, 1, 2, 3, 5, 6, 4)  # [S, M, Ho, Wo, kh, kw, c]
    z = torch.bmm(p.reshape(S, -1, layer.cols), w.transpose(1, 2))  # [S, M·P_out, c_out]
    return z.reshape(S, M, -1)


# How conv layers are computed: "auto" — patches for 1-D non-overlapping kernels (stride = kernel,
# the tree CNNs of the G claims: the patch matrix is a reshape, and it spares the layout
# conversions), torch's grouped convolution otherwise (faster for overlapping and 2-D kernels,
# measured with 1 thread); "conv" or "patches" force one (tests, benchmarks). Both compute the same
# function (tests/test_nets.py checks each against the explicit patch formula).
CONV_STRATEGY = "auto"


def uses_patches(layer: LayerPlan) -> bool:
    if CONV_STRATEGY == "auto":
        return len(layer.kernel) == 1 and layer.kernel == layer.stride
    return CONV_STRATEGY == "patches"


def forward(plan: NetworkPlan, weights: Sequence[torch.Tensor], x: torch.Tensor) -> torch.Tensor:
    """f_W(x) for S runs: weights[k] [S, rows_k, cols_k], x [S, M, d] → [S, M, C]."""
    S = x.shape[0]
    h: Optional[torch.Tensor] = x  # the activation in the position-major layout [S, M, P·c], or
    grid: Optional[torch.Tensor] = None  # in torch's conv layout [M, S·c, *shape] (exactly one is set)
    last = len(plan.layers) - 1
    for k, (layer, w) in enumerate(zip(plan.layers, weights)):
        if layer.kind == "conv" and not uses_patches(layer):
            if grid is None:
                grid, h = flat_to_grid(h, layer.shape_in, layer.channels_in), None
            grid = conv_layer(grid, w, layer)
            if k < last:
                grid = torch.relu(grid)
            continue
        if grid is not None:
            h, grid = grid_to_flat(grid, S), None
        z = patch_layer(h, w, layer) if layer.kind == "conv" else torch.bmm(h, w.transpose(1, 2))
        h = torch.relu(z) if k < last else z
    if grid is not None:  # (a conv last layer: not produced by compile_architecture)
        h = grid_to_flat(grid, S)
    return h
