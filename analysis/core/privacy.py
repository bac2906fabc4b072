"""Personal data masking and spreadsheet-safe exports.

Names, phone numbers and ID numbers are masked on screen and in every export unless the user
explicitly unmasks them: in the columns mapped as personal data, and by content in every other
text column whatever its header (phones, ID numbers with their check digit, Luhn-valid card
numbers and e-mail addresses inside free text such as overdue reasons; see
:mod:`analysis.conduct.textpii`), and a column whose header or values say it holds people's
names (户名, 姓名, "Borrower name"; or values that are mostly Chinese personal names) is masked as
names. Cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``,
``@``, tab, carriage return at the start) are neutralised with a leading apostrophe
(OWASP "CSV injection").
"""
from __future__ import annotations

import io
import re

import pandas as pd

from analysis.core.schema import CANONICAL_COLUMNS, PII_COLUMNS

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMERIC_RE = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")


#: A name that ends as a business's does: a receivables ledger's customers are companies, and
#: masked as people (南********司) a clerk could not tell them apart in a meeting.
_ORGANISATION = re.compile(
    # 公司, 集团 … end a business's name; 中心, 银行, 企业 only after three characters of name, as a
    # person's name is one to three (王中心 is a person, 华东数据中心 a business)
    r"(?:公司|集团|工厂|商行|商店|门市部|经营部|批发部|合作社|事务所|研究院|医院|学校|协会|超市|酒店|饭店|商贸|贸易行"
    r"|(?<=[\u4e00-\u9fff]{3})(?:中心|银行|企业|厂))(?:[（(][^）)]*[）)])?$"
    # Ltd, LLC, GmbH … end only a business's; Co, SA, AG, Pty are also names ("Jerry Co",
    # "Ana Sa"), so only after a business word or three words
    r"|(?i:\b(?:ltd|limited|llc|inc|corp|corporation|company|gmbh|plc|llp|pte)\.?\s*$)"
    r"|(?i:\b(?:trading|holdings?|group|industries|international|enterprises?|services|bank|partners|"
    r"\w+\s+\w+)\s+(?:co|s\.?a|b\.?v|ag|pty)\.?\s*$)")


def mask_name(name: object) -> object:
    """``张三丰`` → ``张*丰``; ``张三`` → ``张*``; Latin names keep their first letter per word; a
    business's name (有限公司, Ltd) stays as it is.

    Examples
    --------
    >>> mask_name("张三丰"), mask_name("李四"), mask_name("John Smith")
    ('张*丰', '李*', 'J*** S****')
    >>> mask_name("南京盛世科技有限公司"), mask_name("Acme Trading Co."), mask_name("华东机电有限公司（上海）")
    ('南京盛世科技有限公司', 'Acme Trading Co.', '华东机电有限公司（上海）')
    """
    if not isinstance(name, str) or not name:
        return name
    if _ORGANISATION.search(name.strip()):
        return name  # 南京盛世科技有限公司, Acme Ltd: a business's name is no personal data
    if " " in name.strip():
        return " ".join(w[0] + "*" * (len(w) - 1) for w in name.split())
    if len(name) == 1:
        return "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_phone(phone: object) -> object:
    """Keep the first 3 and last 4 digits: ``13812341234`` → ``138****1234``.

    Examples
    --------
    >>> mask_phone("13812341234")
    '138****1234'
    """
    if not isinstance(phone, str) or not phone:
        return phone
    digits = phone.strip()
    if len(digits) <= 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_id_number(id_number: object) -> object:
    """Keep the first 6 and last 4 characters of an ID number.

    Examples
    --------
    >>> mask_id_number("110101199003071234")
    '110101********1234'
    """
    if not isinstance(id_number, str) or not id_number:
        return id_number
    text = id_number.strip()
    if len(text) <= 10:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


#: How each personal-data column is masked.
PII_MASKERS = {"customer_name": mask_name, "phone": mask_phone, "id_number": mask_id_number}
#: Headers that name people (the upload's own headers, not mapped): masked as names.
_NAME_HEADER = re.compile(r"姓名|户名|客户名称|借款人名|借款人$|持卡人|联系人|担保人|^name$|full.?name|customer.?name|"
                          r"borrower.?name|client.?name|account.?holder|debtor.?name", re.IGNORECASE)
#: Columns whose values are known not to be people's names (the canonical segments name staff,
#: branches and products: the work lists are split by them).
_NOT_NAMES = frozenset(CANONICAL_COLUMNS) - frozenset(PII_COLUMNS)
#: A column is taken for names when this share of its distinct values look like one.
_NAME_SHARE = 0.8
_MIN_DISTINCT_NAMES = 20


def _is_text(series: pd.Series) -> bool:
    return series.dtype == object or pd.api.types.is_string_dtype(series) or isinstance(series.dtype, pd.CategoricalDtype)


_CJK_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_LATIN_NAME = re.compile(r"[A-Z][a-z'\-]+(?: [A-Z]\.?)?(?: [A-Z][a-z'\-]+)+")


def looks_like_person_name(value: str) -> bool:
    """A Chinese name (a common surname and one or two more characters; a compound surname and
    up to two) or a Latin "First Last".

    Examples
    --------
    >>> looks_like_person_name("张三丰"), looks_like_person_name("欧阳娜娜"), looks_like_person_name("华东分行")
    (True, True, False)
    >>> looks_like_person_name("Mary Ann Smith"), looks_like_person_name("Credit card")
    (True, False)
    """
    from analysis.conduct.textpii import _COMPOUND_SURNAMES, _SURNAMES  # one surname list for the app

    text = str(value).strip()
    if _CJK_NAME.fullmatch(text):
        if text[:2] in _COMPOUND_SURNAMES:
            return len(text) <= 4
        return text[0] in _SURNAMES and len(text) <= 3
    return bool(_LATIN_NAME.fullmatch(text))


def looks_like_names(series: pd.Series) -> bool:
    """True when most distinct values are Chinese personal names (a common surname and one to
    three more characters) or Latin "First Last" names, and there are enough of them to tell.

    Regions (华东, 华南) and products have far fewer distinct values than a column of borrowers.

    Examples
    --------
    >>> looks_like_names(pd.Series([s + g for s in "张王李刘陈" for g in ("伟", "芳", "娜", "静")]))
    True
    >>> looks_like_names(pd.Series(["华东", "华南", "华北"] * 20))
    False
    """
    values = pd.unique(series.dropna().astype(str).to_numpy())
    if len(values) < _MIN_DISTINCT_NAMES:
        return False
    sample = values[:2000]
    return sum(looks_like_person_name(v) for v in sample) >= _NAME_SHARE * len(sample)


def mask_by_content(frame: pd.DataFrame, skip: frozenset | set = frozenset(),
                    not_names: frozenset | set = frozenset()) -> pd.DataFrame:
    """A copy with personal data found by content masked in every text column but ``skip``;
    columns whose header or values say they hold names (and not in ``not_names``) masked as names."""
    from analysis.conduct.textpii import mask_series  # textpii imports this module

    changed = {}
    for col in frame.columns:
        if col in skip or not _is_text(frame[col]):
            continue
        series = frame[col]
        if col not in not_names and (_NAME_HEADER.search(str(col)) or looks_like_names(series)):
            changed[col] = series.map(mask_name, na_action="ignore").astype("string")
        else:
            masked = mask_series(series.astype("string"))
            if not masked.equals(series.astype("string")):
                changed[col] = masked
    return frame.assign(**changed) if changed else frame.copy()


def mask_pii(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every personal-data column masked, and personal data found by content in the
    other text columns (the input is untouched).

    Examples
    --------
    >>> mask_pii(pd.DataFrame({"phone": ["13812341234"]}))["phone"].tolist()
    ['138****1234']
    >>> mask_pii(pd.DataFrame({"overdue_reason": ["失业，联系电话13812341234"]}))["overdue_reason"].tolist()
    ['失业，联系电话138****1234']
    """
    present = {c: PII_MASKERS[c] for c in PII_COLUMNS if c in frame.columns}
    out = mask_by_content(frame, skip=frozenset(present), not_names=_NOT_NAMES)
    if not present:
        return out
    return out.assign(**{c: frame[c].map(fn, na_action="ignore").astype("string") for c, fn in present.items()})


def mask_mapped_pii(frame: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    """Mask the columns of a frame with the file's own headers that ``mapping`` maps to PII.

    Raw cells (the upload preview, rejected rows) carry the user's headers (手机号, 身份证号), which
    :func:`mask_pii` does not recognise; the mapping says which of them are personal data.

    Examples
    --------
    >>> cells = pd.DataFrame({"手机号": ["13812341234"], "余额": ["5"]})
    >>> mask_mapped_pii(cells, {"phone": "手机号"})["手机号"].tolist()
    ['138****1234']
    """
    renamed = {header: canonical for canonical, header in mapping.items()
               if canonical in PII_COLUMNS and header in frame.columns}
    # the other columns by content; those mapped to a known non-name column are not guessed names
    known = {header for canonical, header in mapping.items() if canonical in _NOT_NAMES}
    out = mask_by_content(frame, skip=frozenset(renamed), not_names=frozenset(known))
    if not renamed:
        return out
    masked = mask_pii(frame[list(renamed)].astype("string").rename(columns=renamed))
    return out.assign(**{header: masked[canonical].to_numpy() for header, canonical in renamed.items()})


def neutralise_cell(value: object) -> object:
    """Prefix ``'`` to text a spreadsheet would evaluate; numbers written as text stay as they are.

    Examples
    --------
    >>> neutralise_cell("=1+1"), neutralise_cell("-5"), neutralise_cell("@SUM(A1)")
    ("'=1+1", '-5', "'@SUM(A1)")
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMERIC_RE.match(value):
        return "'" + value
    return value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where every text cell that could run as a formula is neutralised."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]) or isinstance(
            out[col].dtype, pd.CategoricalDtype
        ):
            out[col] = out[col].astype(object).map(neutralise_cell)
    out.columns = [neutralise_cell(str(c)) for c in out.columns]
    return out


def export_csv_bytes(frame: pd.DataFrame, masked: bool = True) -> bytes:
    """CSV that Excel opens correctly (UTF-8 with BOM), PII masked unless ``masked=False``."""
    safe = neutralise_formulas(mask_pii(frame) if masked else frame)
    return safe.to_csv(index=False).encode("utf-8-sig")


def export_xlsx_bytes(sheets: dict[str, pd.DataFrame], masked: bool = True, note: str | None = None) -> bytes:
    """An XLSX workbook, one sheet per frame, header bold, panes frozen, PII masked by default.

    ``note`` is written above nothing but into a last sheet ``_info`` (e.g. "unmasked by user").
    Strings are written as strings, so nothing in the file is evaluated as a formula.
    """
    buffer = io.BytesIO()
    with pd.ExcelWriter(
        buffer, engine="xlsxwriter", engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}}
    ) as writer:
        bold = writer.book.add_format({"bold": True, "bg_color": "#EEF2F7", "border": 1})
        for name, frame in sheets.items():
            safe = neutralise_formulas(mask_pii(frame) if masked else frame)
            sheet_name = str(name)[:31]
            safe.to_excel(writer, sheet_name=sheet_name, index=False)
            ws = writer.sheets[sheet_name]
            for i, col in enumerate(safe.columns):
                ws.write(0, i, str(col), bold)
                width = max([len(str(col))] + [len(str(v)) for v in safe[col].head(200)]) + 2
                ws.set_column(i, i, min(max(width, 8), 50))
            ws.freeze_panes(1, 0)
        if note:
            pd.DataFrame({"note": [note]}).to_excel(writer, sheet_name="_info", index=False)
    return buffer.getvalue()


def contains_unmasked(frame: pd.DataFrame) -> bool:
    """True when a phone or ID column still holds a long unbroken run of digits (for checks)."""
    for col in ("phone", "id_number"):
        if col in frame.columns:
            text = frame[col].dropna().astype(str)
            if text.str.contains(r"\d{8,}", regex=True).any():
                return True
    return False


__all__ = [
    "mask_name", "mask_phone", "mask_id_number", "mask_pii", "mask_mapped_pii", "neutralise_cell",
    "neutralise_formulas", "export_csv_bytes", "export_xlsx_bytes", "contains_unmasked",
]
