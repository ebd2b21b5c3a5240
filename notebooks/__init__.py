"""The workbook's notebooks, installed as ``netkit.notebooks`` (see netkit/resources.py).

A package only so that ``importlib.resources`` finds this folder both in an editable
install and in a built wheel; `netkit workbook` copies the notebooks to a folder of yours.
"""
