#!/usr/bin/env python3
"""PyTorch reference for `npm run bench`: the same workloads as src/bench/workloads.ts, on one
thread, timed with the same warm-up and repetitions, each workload of several runs trained two ways:

- "sequential": one run after another, one `nn.Module` / parameter set per run (the
  straightforward way);
- "batched": all runs at once, parameters stacked on a leading run axis `[S, out, in]`, every layer
  product one `torch.bmm`, per-run learning rates and weight decays as `[S, 1, 1]` tensors — what a
  PyTorch user training ten seeds would write (the same structure as the TF.js trainer). Convolutions
  with kernel = stride are products of non-overlapping patches, so the tree CNN is bmm's too.

Run with workload keys, prints one JSON object {key: {mode: {medianSeconds, minSeconds, maxSeconds,
repetitions, units}}} on stdout, mode "sequential" or "batched" (a one-run workload has "sequential"
only: batched is the same work). Run with `--serve` (what `npm run bench` does), it times one call per
request line instead, so that the bench alternates its repetitions with these (see `serve`).

Install the reference with: apt-get install python3-torch libopenblas0-pthread
and run with OPENBLAS_NUM_THREADS=1 (the bench sets it).
"""
import json
import sys
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(0)


def mlp(sizes):
    layers = []
    for k in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[k], sizes[k + 1], bias=False))
        if k < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def train_plain(model, x, y, batch, steps, lr, wd):
    """Plain SGD on the square loss; weight decay in the CLAIMS convention (step adds 2*lambda*W)."""
    params = [p for p in model.parameters()]
    n = x.shape[0]
    perm = torch.randperm(n)
    pos = 0
    for _ in range(steps):
        if pos + batch > n:
            perm = torch.randperm(n)
            pos = 0
        idx = perm[pos:pos + batch]
        pos += batch
        loss = ((model(x[idx]) - y[idx]) ** 2).sum(dim=1).mean()
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for p, g in zip(params, grads):
                p -= lr * (g + 2 * wd * p)


def train_weight_normalised(sizes, x, y, batch, steps, lr, wd, warm):
    """W_k = g_k V_k/||V_k||, decay on g, V renormalised after every step (the suite's trainer)."""
    vs, gs = [], []
    for k in range(len(sizes) - 1):
        w = torch.randn(sizes[k + 1], sizes[k]) * (2.0 / sizes[k]) ** 0.5
        g = w.norm()
        vs.append((w / g).requires_grad_())
        gs.append(g.clone().reshape(()).requires_grad_())
    n = x.shape[0]
    perm = torch.randperm(n)
    pos = 0
    for t in range(steps):
        if pos + batch > n:
            perm = torch.randperm(n)
            pos = 0
        idx = perm[pos:pos + batch]
        pos += batch
        h = x[idx]
        for k, (v, g) in enumerate(zip(vs, gs)):
            h = h @ (g * v / v.norm()).T
            if k < len(vs) - 1:
                h = torch.relu(h)
        loss = ((h - y[idx]) ** 2).sum(dim=1).mean()
        grads = torch.autograd.grad(loss, vs + gs)
        m = 1.0 if t >= warm else 0.05 + 0.95 * t / warm
        with torch.no_grad():
            for k in range(len(vs)):
                vs[k] -= lr * m * grads[k]
                vs[k] /= vs[k].norm()
                gs[k] -= lr * m * (grads[len(vs) + k] + 2 * wd * gs[k])


def claim_mlp(steps=500):
    for i in range(10):
        x = torch.randn(100, 32)
        y = torch.nn.functional.one_hot(torch.arange(100) % 4, 4).float()
        train_weight_normalised([32, 64, 64, 4], x, y, 16, steps, 0.05, 5e-3 if i < 5 else 0.0, 100)
    return 10 * steps


def mlp_256(steps=200):
    x = torch.randn(1024, 64)
    y = torch.nn.functional.one_hot(torch.arange(1024) % 10, 10).float()
    train_plain(mlp([64, 256, 256, 256, 10]), x, y, 32, steps, 0.01, 5e-4)
    return steps


class TreeCnn(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.convs = torch.nn.ModuleList(
            [torch.nn.Conv1d(1 if l == 0 else 8, 8, 2, stride=2, bias=False) for l in range(4)]
        )
        self.last = torch.nn.Linear(16, 2, bias=False)

    def forward(self, x):
        h = x.unsqueeze(1)
        for conv in self.convs:
            h = torch.relu(conv(h))
        return self.last(h.flatten(1))


def tree_cnn(steps=300):
    for _ in range(10):
        x = torch.randn(1000, 32)
        y = torch.nn.functional.one_hot(torch.arange(1000) % 2, 2).float()
        train_plain(TreeCnn(), x, y, 16, steps, 0.05, 1e-3)
    return 10 * steps


def minibatches(S, n, batch):
    """Per-run minibatch indices [S, batch], each run drawing its own permutations (without
    replacement within an epoch, like `train_plain`)."""
    perm = torch.argsort(torch.rand(S, n), dim=1)
    pos = 0
    while True:
        if pos + batch > n:
            perm = torch.argsort(torch.rand(S, n), dim=1)
            pos = 0
        yield perm[:, pos:pos + batch]
        pos += batch


def claim_mlp_batched(steps=500, S=10):
    """(a) batched: 10 WN runs as [S, out, in] parameters and torch.bmm, per-run weight decay."""
    sizes = [32, 64, 64, 4]
    x = torch.randn(S, 100, 32)
    y = torch.nn.functional.one_hot(torch.arange(100) % 4, 4).float().expand(S, 100, 4)
    wd = torch.tensor([5e-3 if i < 5 else 0.0 for i in range(S)]).reshape(S, 1, 1)
    lr, warm = 0.05, 100
    vs, gs = [], []
    for k in range(len(sizes) - 1):
        w = torch.randn(S, sizes[k + 1], sizes[k]) * (2.0 / sizes[k]) ** 0.5
        g = w.norm(dim=(1, 2), keepdim=True)
        vs.append((w / g).requires_grad_())
        gs.append(g.clone().requires_grad_())
    runs = torch.arange(S).unsqueeze(1)
    batches = minibatches(S, 100, 16)
    for t in range(steps):
        idx = next(batches)
        h = x[runs, idx]
        for k, (v, g) in enumerate(zip(vs, gs)):
            h = torch.bmm(h, (g * v / v.norm(dim=(1, 2), keepdim=True)).transpose(1, 2))
            if k < len(vs) - 1:
                h = torch.relu(h)
        loss = ((h - y[runs, idx]) ** 2).sum(dim=2).mean(dim=1).sum()  # a sum of per-run losses
        grads = torch.autograd.grad(loss, vs + gs)
        m = 1.0 if t >= warm else 0.05 + 0.95 * t / warm
        with torch.no_grad():
            for k in range(len(vs)):
                vs[k] -= lr * m * grads[k]
                vs[k] /= vs[k].norm(dim=(1, 2), keepdim=True)
                gs[k] -= lr * m * (grads[len(vs) + k] + 2 * wd * gs[k])
    return S * steps


def tree_cnn_batched(steps=300, S=10):
    """(c) batched: 10 tree CNNs; each conv (kernel 2 = stride 2, 8 channels) is a bmm of the
    non-overlapping patches [S, B·P/2, 2c] with the kernel [S, 8, 2c]; the last layer a bmm too."""
    n, batch, lr = 1000, 16, 0.05
    x = torch.randn(S, n, 32)
    y = torch.nn.functional.one_hot(torch.arange(n) % 2, 2).float().expand(S, n, 2)
    shapes = [(8, 2)] + [(8, 16)] * 3 + [(2, 16)]
    params = [(torch.randn(S, o, i) * (2.0 / i) ** 0.5).requires_grad_() for o, i in shapes]
    wd = torch.full((S, 1, 1), 1e-3)
    runs = torch.arange(S).unsqueeze(1)
    batches = minibatches(S, n, batch)
    for _ in range(steps):
        idx = next(batches)
        h = x[runs, idx]  # [S, B, 32]: 32 positions, 1 channel
        for w in params[:-1]:
            h = torch.relu(torch.bmm(h.reshape(S, -1, w.shape[2]), w.transpose(1, 2)))
        out = torch.bmm(h.reshape(S, batch, -1), params[-1].transpose(1, 2))
        loss = ((out - y[runs, idx]) ** 2).sum(dim=2).mean(dim=1).sum()
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for p, g in zip(params, grads):
                p -= lr * (g + 2 * wd * p)
    return S * steps


def measure(fn, warmup=1, repetitions=3):
    for _ in range(warmup):
        fn()
    samples = []
    units = 0
    for _ in range(repetitions):
        t0 = time.perf_counter()
        units = fn()
        samples.append(time.perf_counter() - t0)
    samples.sort()
    return {
        "medianSeconds": samples[len(samples) // 2],
        "minSeconds": samples[0],
        "maxSeconds": samples[-1],
        "repetitions": repetitions,
        "units": units,
    }


TABLE = {
    "claim-mlp": {"sequential": claim_mlp, "batched": claim_mlp_batched},
    "mlp-256": {"sequential": mlp_256},
    "tree-cnn": {"sequential": tree_cnn, "batched": tree_cnn_batched},
}


def serve():
    """`--serve`: one timed call per request line, so that the bench can alternate its own
    repetitions with these (ABAB…, each pair under nearly the same load). A line "KEY MODE" runs
    that workload once and answers {"seconds", "units"}; "modes KEY" answers the list of modes;
    the first line answered is {"torch": version, "threads": n}. One JSON object per line."""
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "modes":
            print(json.dumps(sorted(TABLE.get(words[1], {}).keys())), flush=True)
            continue
        fn = TABLE[words[0]][words[1]]
        t0 = time.perf_counter()
        units = fn()
        print(json.dumps({"seconds": time.perf_counter() - t0, "units": units}), flush=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        serve()
        sys.exit(0)
    wanted = set(sys.argv[1:]) or set(TABLE)
    out = {key: {mode: measure(fn) for mode, fn in modes.items()} for key, modes in TABLE.items() if key in wanted}
    out["_torch"] = {"version": torch.__version__, "threads": torch.get_num_threads()}
    print(json.dumps(out))
