"""Make a scan of a vector PDF: each page rasterised (pypdfium2) to greyscale at ``dpi``, turned by a
slight angle, blurred a little and sprinkled with noise, seeded so the same call gives the same
pixels; saved as a PDF of images with no text layer, as a scanner would."""
import numpy as np
import pypdfium2
from PIL import Image, ImageFilter


def scan_page(page, dpi, rng):
    """One pypdfium2 page as a greyscale scan (PIL image) at ``dpi``."""
    image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    image = image.rotate(rng.uniform(-0.6, 0.6), resample=Image.BICUBIC, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(0.5))
    pixels = np.asarray(image, dtype=np.int16) + rng.normal(0, 12, (image.height, image.width))
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")


def make_scan(source, target, dpi=150, seed=0, pages=None):
    """Write to ``target`` a scan of ``source`` at ``dpi``; ``pages`` (1-based) picks pages."""
    rng = np.random.default_rng(seed)
    pdf = pypdfium2.PdfDocument(str(source))
    try:
        numbers = pages or range(1, len(pdf) + 1)
        images = [scan_page(pdf[n - 1], dpi, rng) for n in numbers]
    finally:
        pdf.close()
    images[0].save(str(target), "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return target
