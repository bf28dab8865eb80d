"""RapidOCR (PP-OCRv4 models shipped inside its wheel, run by onnxruntime): text detection on a page
and recognition of text-line crops, each with its confidence. Nothing is downloaded at run time."""
from functools import lru_cache

import numpy as np

REC_BATCH = 16


@lru_cache(maxsize=1)
def engine():
    from rapidocr_onnxruntime import RapidOCR

    ocr = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)
    ocr.text_rec.rec_batch_num = REC_BATCH
    return ocr


def detect(grey):
    """Text-line quadrilaterals (N×4×2 pixel arrays, top-left first) on the greyscale page ``grey``."""
    ocr = engine()
    boxes, _ = ocr.text_det(np.dstack([grey] * 3))
    if boxes is None or len(boxes) == 0:
        return []
    return list(ocr.sorted_boxes(boxes))


def crop_quad(grey, quad):
    """The text line inside ``quad``, straightened (RapidOCR's own crop)."""
    return engine().get_crop_img_list(np.dstack([grey] * 3), [np.asarray(quad, dtype=np.float32)])[0]


def recognise(crops):
    """(text, confidence) for each image in ``crops`` (greyscale or BGR)."""
    if not crops:
        return []
    images = [c if c.ndim == 3 else np.dstack([c] * 3) for c in crops]
    results, _ = engine().text_rec(images)
    return [(text, float(score)) for text, score in results]
