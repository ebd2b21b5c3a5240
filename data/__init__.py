"""The workbook's shipped data (the example learner), installed as ``netkit.data``.

A package only so that ``importlib.resources`` finds this folder both in an editable
install and in a built wheel (see netkit/resources.py and pyproject.toml).
"""
