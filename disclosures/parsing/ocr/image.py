"""Page images: render a scanned page at its own resolution, binarise, deskew, find ruling masks."""
import math

import cv2
import numpy as np
import pypdfium2
import pypdfium2.raw as pdfium_c

MIN_DPI, MAX_DPI, DEFAULT_DPI = 100, 300, 200
MAX_SKEW = 5.0  # degrees; a page turned further is not straightened
# A scan coarser than ENLARGE_BELOW is enlarged to READ_DPI before its rulings and text are read: thin
# rulings and strokes survive binarising, and the morphology finds them at their usual lengths. A 150 dpi
# scan is read as it is (enlarged, urumqi-2025's tables scored 0.953 against 0.997).
READ_DPI = 200
ENLARGE_BELOW = 150


def scan_dpi(page):
    """The resolution of the largest image drawn on ``page`` (its scan), else :data:`DEFAULT_DPI`."""
    best = None
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        width_px, _ = obj.get_px_size()
        left, _, right, _ = obj.get_bounds()
        if right > left and (best is None or right - left > best[1]):
            best = (width_px / ((right - left) / 72), right - left)
    dpi = best[0] if best else DEFAULT_DPI
    return min(MAX_DPI, max(MIN_DPI, dpi))


def render(page, dpi):
    """``page`` as a greyscale uint8 array at ``dpi``."""
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    return np.asarray(bitmap.to_pil().convert("L")).copy()


def enlarge(grey, dpi):
    """(image, dpi): ``grey`` enlarged (bicubic) to :data:`READ_DPI` when scanned coarser than
    :data:`ENLARGE_BELOW`."""
    if dpi >= ENLARGE_BELOW:
        return grey, dpi
    factor = READ_DPI / dpi
    return cv2.resize(grey, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC), READ_DPI


def binarise(grey):
    """Ink as 255 on 0, after a median filter that removes scanner speckle."""
    smooth = cv2.medianBlur(grey, 3)
    return cv2.adaptiveThreshold(smooth, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 20)


def line_masks(ink, dpi):
    """Horizontal and vertical ruling masks: ink runs longer than any character stroke."""
    h_len, v_len = max(20, int(dpi / 4)), max(15, int(dpi / 6))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len)))
    return horizontal, vertical


def skew(ink, dpi):
    """The page's skew in degrees, from its long horizontal rulings; 0.0 without any."""
    horizontal, _ = line_masks(ink, dpi)
    joined = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (int(dpi / 3), 5)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined)
    angles, weights = [], []
    for i in range(1, count):
        x, y, w, h, _ = stats[i]
        if w < ink.shape[1] / 6:
            continue
        ys, xs = np.nonzero((labels[y:y + h, x:x + w] == i) & (horizontal[y:y + h, x:x + w] > 0))
        if len(xs) < 10:
            continue
        slope = np.polyfit(xs, ys, 1)[0]
        angles.append(math.degrees(math.atan(slope)))
        weights.append(w)
    if not angles:
        return 0.0
    order = np.argsort(angles)
    cumulative = np.cumsum(np.asarray(weights)[order])
    angle = float(np.asarray(angles)[order][np.searchsorted(cumulative, cumulative[-1] / 2)])
    return angle if abs(angle) <= MAX_SKEW else 0.0


def rotate(grey, angle):
    """``grey`` turned by ``angle`` degrees about its centre (white fills the corners)."""
    if abs(angle) < 0.02:
        return grey
    height, width = grey.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(grey, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=255)


def open_pdf(path):
    return pypdfium2.PdfDocument(str(path))
