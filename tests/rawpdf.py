"""PDFs written byte by byte, for inputs no producer would make (hostile pages, broken streams)."""


def stream(body, head=b""):
    """A stream object's body: ``head`` entries of its dictionary, then ``body``."""
    return b"<< %s /Length %d >>\nstream\n" % (head, len(body)) + body + b"\nendstream"


def pdf_bytes(bodies):
    """A PDF of the objects ``bodies`` (object 1 the catalog), with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, xref)
    return bytes(out)
