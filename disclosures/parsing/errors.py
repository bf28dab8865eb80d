"""Why a file could not be parsed: one exception class per kind of bad input.

Each carries a short Chinese message for staff and a stable ``code`` for programs.
"""


class ParseError(Exception):
    """A file that cannot be read as a budget disclosure."""

    code = "unreadable"
    default_message = "无法读取该文件"

    def __init__(self, message=None):
        super().__init__(message or self.default_message)

    @property
    def message(self):
        return self.args[0]


class EmptyFile(ParseError):
    code = "empty"
    default_message = "文件为空（0 字节）"


class NotAPdf(ParseError):
    code = "not_pdf"
    default_message = "不是 PDF 文件"


class EncryptedPdf(ParseError):
    code = "encrypted"
    default_message = "PDF 设有打开密码，无法读取；请上传未加密的文件"


class CorruptPdf(ParseError):
    code = "corrupt"
    default_message = "PDF 文件已损坏或不完整（可能下载或上传时被截断）"


class NoTextLayer(ParseError):
    code = "no_text"
    default_message = "PDF 没有文字层（可能是扫描件），无法识别表格；请上传由电子文档导出的 PDF"


class TooComplex(ParseError):
    code = "too_complex"
    default_message = "PDF 页面内容过于复杂，超出解析上限"


class NotADisclosure(ParseError):
    code = "not_disclosure"
    default_message = "文件中没有找到部门预算或决算公开表，不是预算公开文件"


class UnitNotFound(ParseError):
    code = "no_unit"
    default_message = "没有找到金额单位（如“单位：万元”），为避免误读金额，已停止解析"


class BlankTemplate(ParseError):
    code = "blank_template"
    default_message = "这是一份未填写的模板（部门名称是占位符，表格没有数字），不是已公开的预算"
