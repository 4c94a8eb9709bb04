"""Classes of convention a hold-out of real minutes showed, each with a fixture of our own:
roll calls marked with "+" and kin, tables whose header is their second row, action logs
("Item | Description | Resp. | Status") whose ids carry the meeting's number, owners by
initials at a meeting that lists no one."""

from __future__ import annotations

from pathlib import Path

from tests.test_import_record import attendance, imported, raised


def test_an_action_log_and_a_roll_call_as_tables_with_an_empty_first_row(
    tmp_path: Path,
) -> None:
    data = imported(tmp_path, "../import-classes/rota-meeting-7-2021-06-02.html", group="Rota")
    assert attendance(data, "2021-06-02") == {
        "present": ["Orla Byrne", "Pavel Novak"],
        "apologies": ["Rhea Sato", "Theo Udall"],
    }
    # Ids numbered after this meeting are raised here, each with the status it reached.
    assert raised(data, "2021-06-02") == {
        "7.01": ["Orla Byrne"],
        "7.02": ["Pavel Novak", "Rhea Sato"],
    }
    status = {a["number"]: a["status"] for a in data["actions"]}
    assert status == {"7.01": "closed", "7.02": "open"}


def test_owners_by_initials_at_a_meeting_that_lists_no_one_are_people_of_the_record(
    tmp_path: Path,
) -> None:
    data = imported(
        tmp_path,
        "../import-classes/rota-meeting-7-2021-06-02.html",
        "../import-classes/rota-meeting-8-2021-06-16.html",
        group="Rota",
    )
    assert raised(data, "2021-06-16") == {"8.01": ["Theo Udall"], "8.02": ["Pavel Novak"]}
    assert "owner-unresolved" not in data["report"]
