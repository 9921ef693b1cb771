"""The monthly 热线运行分析报告, in the shape centres publish: figures (data.py), charts
(charts.py), the DOCX and PDF (document.py), staff page and one-click publishing (views.py)."""
