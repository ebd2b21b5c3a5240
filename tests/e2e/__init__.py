"""Real-browser tests: a JupyterLab server driven by headless Chromium (``-m e2e``)."""
