"""Header recognition and unit detection (analysis.ingest.recognise, analysis.ingest.units): notes."""

#: A file's money units as its messages name them: (zh, en); also read by the ingest notes and
#: the several-files refusal.
FILE_UNIT_NAMES = {"yuan": ("元", "元 (yuan)"), "thousand": ("千元", "thousands"), "wan": ("万元", "万元 (ten-thousands)"),
          "yi": ("亿元", "亿元 (hundred-millions)")}

MESSAGES = {
    **{f"recognise.note.unit_detected.{unit}": {
        "zh": f"未指定金额单位（--unit）：“{{evidence}}”写明单位为{zh}，已按{zh}读取",
        "en": f"No amount unit given (--unit): “{{evidence}}” names {en}, so amounts were read in {en}",
    } for unit, (zh, en) in FILE_UNIT_NAMES.items()},
    "recognise.note.unit_magnitude": {
        "zh": "“{header}”的数值（中位数 {median}）看起来像万元；已按元读取。若单位是万元，请加 --unit wan",
        "en": "The figures of “{header}” (median {median}) look like 万元 (ten-thousands); they were read as 元. "
              "If they are 万元, add --unit wan",
    },
}
