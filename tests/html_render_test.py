#!/usr/bin/env python3
"""Renders the HTML report of the sample article in headless Chromium (Debian's chromium) and
checks that the screenshot is not blank and that the page logged no console errors.

Usage: html_render_test.py GREENLIGHT_CLI SAMPLE_ARTICLE
Exits 77 (skipped) when chromium or Pillow is not installed.
"""

import glob
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    cli, sample = sys.argv[1], sys.argv[2]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from PIL import Image
    except ImportError:
        Image = None
    if not chromium or Image is None:
        print("skipped: chromium or python3-pil not installed")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "html")
        subprocess.run([cli, "analyze", "--format", "html", "--out", out, sample], check=True)
        pages = sorted(glob.glob(os.path.join(out, "1-*.html")))
        assert pages, "no page written"
        shot = os.path.join(tmp, "shot.png")
        result = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--user-data-dir=" + os.path.join(tmp, "profile"), "--enable-logging=stderr", "--v=0",
             "--window-size=1280,1000", "--screenshot=" + shot, "file://" + pages[0]],
            capture_output=True, text=True, timeout=120)
        log = result.stderr
        console_errors = [line for line in log.splitlines()
                          if "CONSOLE" in line and ("Uncaught" in line or "Error" in line or "error" in line)]
        assert not console_errors, "console errors:\n" + "\n".join(console_errors)
        assert os.path.exists(shot), "no screenshot; chromium said:\n" + log[-2000:]
        image = Image.open(shot).convert("RGB")
        colours = image.getcolors(maxcolors=1 << 20) or []
        assert len(colours) > 20, f"screenshot looks blank ({len(colours)} colours)"
        most_common = max(count for count, _ in colours)
        assert most_common < image.width * image.height * 0.95, "screenshot is almost one colour"
        print(f"rendered {os.path.basename(pages[0])}: {image.width}x{image.height}, {len(colours)} colours, no console errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
