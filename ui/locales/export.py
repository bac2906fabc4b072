"""Text of the chart download buttons."""

MESSAGES = {
    "export.download": {"zh": "下载图片", "en": "Download image"},
    "export.hint": {"zh": "图片含标题、单位、数据月份与口径说明，可直接放入汇报材料。",
                    "en": "The image carries the title, units, data month and definitions line, ready for a slide."},
    "export.png": {"zh": "PNG（2倍清晰度）", "en": "PNG (2× resolution)"},
    "export.svg": {"zh": "SVG（矢量，可编辑）", "en": "SVG (vector, editable)"},
    "export.font_missing": {
        "zh": "服务器未安装中文字体，导出的图片会出现方框乱码，因此暂不提供下载。请管理员安装 Noto Sans CJK（如 apt-get install fonts-noto-cjk）或设置 DW_CJK_FONT_DIR。",
        "en": "No Chinese font is installed on the server, so exported images would show empty boxes; downloads are off. Ask your administrator to install Noto Sans CJK (e.g. apt-get install fonts-noto-cjk) or set DW_CJK_FONT_DIR.",
    },
}
