"""A Jupyter server extension: notebooks are saved without live-widget outputs.

A live form in a notebook is two outputs (see :class:`~netkit.widgets.base.StaticTwin`):
the saved answers as static HTML, then the widget. A saved widget output is only a
reference to a model that lives in the kernel, so a notebook reopened later showed
"Error displaying widget: model not found" under every form until its cells ran again.
This extension registers a contents-manager pre-save hook that takes the widget view out
of every output as the notebook is written (keeping the output's other formats, or
dropping the output if nothing else is left) and drops saved widget state. The file on
disk then holds the static answers only: a reopened notebook shows them at once, with no
widget error, and running the cells brings the forms back. What the open notebook shows
is not changed.

The extension also lets a kernel message be as large as an attachment netkit keeps
(:func:`allow_uploads`): notebook 04's upload button sends the whole file in one message.

On a multi-user platform (JupyterHub), setting ``NETKIT_WORKBOOK`` in the learners' server
environment (``c.Spawner.environment = {"NETKIT_WORKBOOK": "workbook"}``) makes each
learner's own server copy the workbook's notebooks into that folder of their home as it
starts, never replacing a notebook they have (see the README's section for tutors). It runs
as the learner, so the files are theirs.

Enabled by ``etc/jupyter/jupyter_server_config.d/netkit.json`` (installed with netkit)::

    {"ServerApp": {"jpserver_extensions": {"netkit.jupyter": true}}}
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

__all__ = ["WORKBOOK_ENV", "allow_uploads", "strip_widget_outputs"]

WORKBOOK_ENV = "NETKIT_WORKBOOK"

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def strip_widget_outputs(notebook: dict[str, Any]) -> int:
    """Remove widget views and saved widget state from ``notebook`` (nbformat 4 JSON) in
    place; returns how many outputs changed."""
    changed = 0
    for cell in notebook.get("cells", []):
        outputs = cell.get("outputs") if isinstance(cell, dict) else None
        if not outputs:
            continue
        kept = []
        for output in outputs:
            data = output.get("data") if isinstance(output, dict) else None
            if not isinstance(data, dict) or WIDGET_VIEW not in data:
                kept.append(output)
                continue
            changed += 1
            rest = {mime: value for mime, value in data.items() if mime != WIDGET_VIEW}
            # netkit's live form keeps only a placeholder beside the view; nothing to show.
            if rest and not _placeholder_only(rest):
                kept.append({**output, "data": rest})
        cell["outputs"] = kept
    metadata = notebook.get("metadata")
    if isinstance(metadata, dict):
        widgets = metadata.get("widgets")
        if isinstance(widgets, dict) and WIDGET_STATE in widgets:
            del widgets[WIDGET_STATE]
            if not widgets:
                del metadata["widgets"]
            changed += 1
    return changed


def _placeholder_only(data: dict[str, Any]) -> bool:
    """The rest of a netkit live form's output: a comment and "(live form)"."""
    html = "".join(data.get("text/html", ""))
    text = "".join(data.get("text/plain", ""))
    return set(data) <= {"text/html", "text/plain"} and html.startswith("<!-- netkit:") \
        and text.endswith("(live form)")


def _pre_save(model: dict[str, Any], **_: Any) -> None:
    """Contents-manager pre-save hook: strip widget outputs from a notebook being saved."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        strip_widget_outputs(model["content"])


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "netkit.jupyter"}]


def _give_workbook(serverapp: Any) -> None:
    """Copy the workbook into ``$NETKIT_WORKBOOK`` (under the server's root) if it is set."""
    folder = os.environ.get(WORKBOOK_ENV, "").strip()
    if not folder:
        return
    from .exceptions import NetkitError
    from .resources import copy_workbook

    target = Path(serverapp.root_dir).expanduser() / folder
    try:
        done = copy_workbook(target)
    except NetkitError as exc:  # the server still starts; the learner sees the reason
        serverapp.log.warning("netkit: %s", exc)
        return
    serverapp.log.info("netkit: workbook in %s (copied %d notebooks, kept %d of yours)",
                       done.folder, len(done.copied), len(done.kept))


def allow_uploads(settings: dict[str, Any]) -> int:
    """Let a kernel message carry a whole attachment (notebook 04's upload button sends the
    file in one message; tornado's default limit, 10 MiB, would drop the connection);
    returns the limit now set."""
    from .attachments import MAX_BYTES

    wanted = MAX_BYTES + 1_000_000  # room for the message around the file
    if int(settings.get("websocket_max_message_size") or 0) < wanted:
        settings["websocket_max_message_size"] = wanted
    return int(settings["websocket_max_message_size"])


def _load_jupyter_server_extension(serverapp: Any) -> None:
    serverapp.contents_manager.register_pre_save_hook(_pre_save)
    serverapp.log.info("netkit: notebooks are saved with their answers as static HTML, "
                       "without live-widget outputs")
    _give_workbook(serverapp)
    allow_uploads(serverapp.web_app.settings)
