"""A county's submission: figures per measure, narratives, evidence, the presentation; deadline and return.

A county changes its submission while the round is collecting, before the
deadline, and until it submits. The office may return it with a comment; a
returned submission may be changed again (even after the deadline) until it is
submitted anew.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jixiao.assessment.domain.files import (
    EVIDENCE_KINDS,
    EVIDENCE_MAX_BYTES,
    PRESENTATION_KINDS,
    check_upload,
)
from jixiao.assessment.domain.numbers import fmt_points
from jixiao.assessment.domain.scheme import (
    AttributeUnknown,
    Met,
    applicable_threshold,
    describe_threshold,
    threshold_met,
)
from jixiao.assessment.domain.scores import EntryError, parse_measure_value
from jixiao.assessment.models import (
    Evidence,
    Item,
    ItemReport,
    MeasureValue,
    Round,
    RoundStatus,
    Submission,
    SubmissionStatus,
    UnitAttribute,
    UnitAttributeCode,
)
from jixiao.assessment.schemes import threshold_specs


class SubmissionRefused(Exception):
    """A change the county (or the office) cannot make now; the message says why, in Chinese."""


def submission_for(round_: Round, unit) -> Submission:
    submission, _ = Submission.objects.get_or_create(round=round_, unit=unit)
    return submission


def why_locked(submission: Submission, now=None) -> str | None:
    """None while the county may change its submission; otherwise the reason, for the page."""
    now = now or timezone.now()
    round_ = submission.round
    if round_.status != RoundStatus.COLLECTING:
        return "考核已进入现场评审，填报不能再修改"
    if submission.status == SubmissionStatus.SUBMITTED:
        return "已报送；如需修改，请联系考核办公室退回"
    if submission.status == SubmissionStatus.RETURNED:
        return None
    if round_.submission_deadline and now > round_.submission_deadline:
        deadline = timezone.localtime(round_.submission_deadline)
        return f"已过填报截止时间（{deadline:%Y-%m-%d %H:%M}），不能再修改"
    return None


def _require_open(submission: Submission) -> None:
    reason = why_locked(submission)
    if reason:
        raise SubmissionRefused(reason)


class StaleSubmission(SubmissionRefused):
    """The form changed after the county opened it; nothing was saved."""

    message = ("保存失败：您打开本页后，其他人已修改了本单位的填报。您填写的内容仍保留在页面上，"
               "数值旁注明了他人保存的值；请核对后再保存。")

    def __init__(self, latest_values: dict[int, Decimal]):
        super().__init__(self.message)
        self.latest_values = latest_values


@dataclass
class FormErrors:
    measures: dict[int, str] = field(default_factory=dict)

    def __bool__(self):
        return bool(self.measures)


@transaction.atomic
def save_report(submission: Submission, summary: str | None, measure_texts: dict[int, str], narratives: dict[int, str],
                expected_revision: int | None = None) -> FormErrors:
    """Save the whole form or nothing: with any figure refused, the errors come back and nothing is stored.

    Only what is given is stored (summary None: unchanged). A save started from an
    older revision than the stored one raises StaleSubmission.
    """
    submission = Submission.objects.select_for_update().select_related("round").get(pk=submission.pk)
    _require_open(submission)
    if expected_revision is not None and submission.revision != expected_revision:
        raise StaleSubmission(dict(MeasureValue.objects.filter(submission=submission).values_list("measure_id", "value")))
    errors = FormErrors()
    values: dict[int, Decimal | None] = {}
    for measure_id, text in measure_texts.items():
        try:
            values[measure_id] = parse_measure_value(text)
        except EntryError as error:
            errors.measures[measure_id] = str(error)
    if errors:
        return errors
    for measure_id, value in values.items():
        if value is None:
            MeasureValue.objects.filter(submission=submission, measure_id=measure_id).delete()
            continue
        stored = MeasureValue.objects.filter(submission=submission, measure_id=measure_id).first()
        if stored is None:
            MeasureValue.objects.create(submission=submission, measure_id=measure_id, value=value)
        elif stored.value != value:
            stored.value = value
            stored.save()
    for item_id, narrative in narratives.items():
        report, created = ItemReport.objects.get_or_create(submission=submission, item_id=item_id, defaults={"narrative": narrative})
        if not created and report.narrative != narrative:
            report.narrative = narrative
            report.save()
    if summary is not None:
        submission.summary = summary
    submission.revision += 1
    submission.save()
    return errors


@transaction.atomic
def add_evidence(submission: Submission, user, item: Item | None, upload) -> Evidence:
    submission = Submission.objects.select_for_update().select_related("round").get(pk=submission.pk)
    _require_open(submission)
    checked = check_upload(upload.name, upload.size, upload, EVIDENCE_KINDS, EVIDENCE_MAX_BYTES)
    upload.name = f"evidence.{checked.kind}"
    return Evidence.objects.create(
        submission=submission, item=item, file=upload, original_name=checked.name[:200], kind=checked.kind,
        size=checked.size, uploaded_by=user,
    )


@transaction.atomic
def delete_evidence(evidence: Evidence) -> None:
    _require_open(evidence.submission)
    evidence.file.delete(save=False)
    evidence.delete()


@transaction.atomic
def set_presentation(submission: Submission, upload, max_bytes: int) -> Submission:
    submission = Submission.objects.select_for_update().select_related("round").get(pk=submission.pk)
    _require_open(submission)
    checked = check_upload(upload.name, upload.size, upload, PRESENTATION_KINDS, max_bytes)
    if submission.presentation:
        submission.presentation.delete(save=False)
    upload.name = f"presentation.{checked.kind}"
    submission.presentation = upload
    submission.presentation_name = checked.name[:200]
    submission.presentation_kind = checked.kind
    submission.save()
    return submission


@transaction.atomic
def submit(submission: Submission, expected_revision: int | None = None) -> Submission:
    """Send the form to the office; refused when it changed since the page was shown (`expected_revision`)."""
    submission = Submission.objects.select_for_update().select_related("round").get(pk=submission.pk)
    _require_open(submission)
    if expected_revision is not None and submission.revision != expected_revision:
        raise SubmissionRefused("未报送：您打开本页后，其他人已修改了本单位的填报。请核对最新内容后再报送。")
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.save()
    return submission


@transaction.atomic
def return_to_county(submission: Submission, comment: str) -> Submission:
    comment = (comment or "").strip()
    submission = Submission.objects.select_for_update().select_related("round").get(pk=submission.pk)
    if submission.round.status != RoundStatus.COLLECTING:
        raise SubmissionRefused("现场评审已经开始，不能再退回填报")
    if submission.status != SubmissionStatus.SUBMITTED:
        raise SubmissionRefused("只有已报送的填报才能退回")
    if not comment:
        raise SubmissionRefused("请填写退回意见，说明需要修改的地方")
    submission.status = SubmissionStatus.RETURNED
    submission.returned_at = timezone.now()
    submission.return_comment = comment
    submission.save()
    return submission


# --- The county's items with their thresholds, met or not -------------------


@dataclass
class MeasureRow:
    measure: object
    threshold_text: str
    met: str
    value: Decimal | None
    typed: str
    error: str = ""

    @property
    def met_label(self) -> str:
        return Met.LABELS[self.met]


@dataclass
class ItemRow:
    item: Item
    measures: list[MeasureRow]
    narrative: str
    evidence: list[Evidence]

    @property
    def all_met(self) -> bool:
        return all(row.met in (Met.MET, Met.NO_THRESHOLD) for row in self.measures)


def attributes_of(unit, year: int) -> dict[str, bool]:
    return dict(UnitAttribute.objects.filter(unit=unit, year=year).values_list("code", "value"))


def item_rows(round_: Round, unit, submission: Submission | None, typed: dict[int, str] | None = None,
              errors: FormErrors | None = None, narratives: dict[int, str] | None = None) -> list[ItemRow]:
    """Every item with the county's figures, its own thresholds and whether each is met."""
    attributes = attributes_of(unit, round_.scheme.year)
    values = dict(submission.measure_values.values_list("measure_id", "value")) if submission else {}
    stored_narratives = dict(submission.item_reports.values_list("item_id", "narrative")) if submission else {}
    evidence: dict[int | None, list[Evidence]] = {}
    if submission:
        for file in submission.evidence.all():
            evidence.setdefault(file.item_id, []).append(file)
    rows = []
    for item in round_.scheme.items.select_related("category").prefetch_related("measures__thresholds"):
        measure_rows = []
        for measure in item.measures.all():
            threshold = applicable_threshold(threshold_specs(measure), unit.pk, attributes)
            if threshold is None:
                text = "本单位无此项门槛"
            elif isinstance(threshold, AttributeUnknown):
                text = f"待登记是否{UnitAttributeCode(threshold.attribute).label}"
            else:
                text = describe_threshold(threshold, measure.unit_label)
            value = values.get(measure.pk)
            shown = typed[measure.pk] if typed is not None and measure.pk in typed else ("" if value is None else fmt_points(value))
            measure_rows.append(MeasureRow(
                measure, text, threshold_met(value, threshold), value, shown, (errors.measures.get(measure.pk, "") if errors else ""),
            ))
        narrative = narratives[item.pk] if narratives is not None and item.pk in narratives else stored_narratives.get(item.pk, "")
        rows.append(ItemRow(item, measure_rows, narrative, evidence.get(item.pk, [])))
    return rows
