"""Rendered pages of the appointment form against reference images, so a layout regression fails.

The sample form (`test_reports_form.sample_profile`, fixed dates) is rendered with
`pdftoppm -r 50 -gray` and compared with `reference/appointment-form-page-N.png` within a tolerance
(a few changed characters pass; a row moved by a point does not). After an intended layout change,
rewrite the references with `CADRE_DESK_UPDATE_REFERENCE=1 pytest tests/integration/test_reports_reference.py`
and look at them before committing.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from cadre_desk.services.context import ServiceContext
from tests.integration.test_reports_form import build, photo_bytes, sample_profile

REFERENCE_DIR = Path(__file__).parent / "reference"

# Pixels differing by more than this (of 255) count as changed; a page may have this share changed.
PIXEL_THRESHOLD = 48
MAX_CHANGED_SHARE = 0.002
MAX_MEAN_DIFF = 0.5


def render(pdf: Path, page: int, out_dir: Path) -> Image.Image:
    prefix = out_dir / f"render-{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "50",
            "-gray",
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        check=True,
    )
    with Image.open(f"{prefix}.png") as image:
        return image.convert("L")


def difference(a: Image.Image, b: Image.Image) -> tuple[float, float]:
    """(mean absolute difference, share of pixels changed by more than the threshold)."""
    diff = ImageChops.difference(a, b)
    mean = ImageStat.Stat(diff).mean[0]
    histogram = diff.histogram()
    changed = sum(histogram[PIXEL_THRESHOLD + 1 :]) / (a.width * a.height)
    return mean, changed


@pytest.mark.parametrize("page", [1, 2])
def test_layout_matches_the_reference_render(ctx: ServiceContext, tmp_path: Path, page: int) -> None:
    pdf = build(sample_profile(ctx), tmp_path, "reference", photo_bytes())
    image = render(pdf, page, tmp_path)
    reference = REFERENCE_DIR / f"appointment-form-page-{page}.png"
    if os.environ.get("CADRE_DESK_UPDATE_REFERENCE") == "1":
        REFERENCE_DIR.mkdir(exist_ok=True)
        image.save(reference, optimize=True)
        pytest.skip(f"reference rewritten: {reference}")
    assert reference.exists(), f"no reference; run with CADRE_DESK_UPDATE_REFERENCE=1 to create {reference}"
    with Image.open(reference) as stored:
        expected = stored.convert("L")
    assert image.size == expected.size
    mean, changed = difference(image, expected)
    if mean > MAX_MEAN_DIFF or changed > MAX_CHANGED_SHARE:
        image.save(tmp_path / f"actual-{page}.png")
        ImageChops.difference(image, expected).save(tmp_path / f"diff-{page}.png")
    assert mean <= MAX_MEAN_DIFF and changed <= MAX_CHANGED_SHARE, (
        f"page {page} differs from {reference.name}: mean {mean:.3f}, changed {changed:.4%} (see {tmp_path})"
    )
