"""The editors' "Add from article" page: paste or upload an article, review the draft, save it."""

import dataclasses
import logging
import time
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from tracker.funding.models import Company, FundingRound, Investor, ParticipationRole
from tracker.intake.forms import (
    NEW,
    ArticleForm,
    InvestorFormSet,
    ReviewForm,
    draft_initial,
)
from tracker.intake.matching import Candidate, CompanyMatcher, InvestorMatcher, same_round_candidates
from tracker.intake.services import ArticleData, IntakeError, save_reviewed_round

logger = logging.getLogger(__name__)

PERMISSION = "funding.add_fundinground"
EXTRACTION_LANGUAGES = ("en", "fr")
INVESTORS_PREFIX = "investors"

# Which evidence (a Draft field) stands behind each review form field.
FIELD_EVIDENCE = {
    "company_name": "company",
    "round_type": "round_type",
    "label": "round_label",
    "status": "status",
    "announced_on": "announced_on",
    "amount": "amount",
    "currency": "currency",
    "target_amount": "target_amount",
    "pre_money": "pre_money",
    "post_money": "post_money",
    "valuation": "valuation",
    "valuation_currency": "valuation_currency",
    "investor_list_complete": "investor_list_complete",
}
SECTIONS = [
    (gettext_lazy("Company"), ["company_name", "company_match"]),
    (
        gettext_lazy("Round"),
        ["round_type", "label", "status", "announced_on", "announced_precision", "closed_on", "closed_precision"],
    ),
    (
        gettext_lazy("Money"),
        [
            "amount",
            "currency",
            "target_amount",
            "pre_money",
            "post_money",
            "valuation",
            "valuation_currency",
            "keep_as_reported",
        ],
    ),
]
SOURCE_FIELDS = ["title", "url", "publisher", "published_on", "language"]


def evidence_from_draft(draft: Any, text: str) -> dict[str, dict]:
    """The sentence behind each extracted value, with its offsets into the text."""
    evidence: dict[str, dict] = {}
    spans = getattr(draft, "spans", None) or {}
    for key, quote in (getattr(draft, "evidence", None) or {}).items():
        start, end = spans.get(key, (None, None))
        evidence[key] = {"quote": quote, "start": start, "end": end}
    return evidence


def _span(text: str, item: dict) -> tuple[int, int] | None:
    """The offsets of an evidence sentence, checked against the text; found by its quote when they are off."""
    start, end, quote = item.get("start"), item.get("end"), item.get("quote") or ""
    in_text = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
    if in_text and (not quote or text[start:end] == quote):
        return start, end
    if quote.strip():
        found = text.find(quote)
        if found >= 0:
            return found, found + len(quote)
    return None


def highlight_evidence(text: str, evidence: dict[str, dict]) -> tuple[SafeString, dict[str, str]]:
    """Return the article as HTML with each evidence sentence in a <mark>, and the mark id of each field.

    Every piece of the text is escaped on its own, between the marks, so the
    offsets always point into the original text and nothing comes out unescaped.
    Sentences that overlap an earlier mark are pointed at that mark.
    """
    by_span: dict[tuple[int, int], list[str]] = {}
    for key, item in evidence.items():
        span = _span(text, item)
        if span is not None:
            by_span.setdefault(span, []).append(key)
    marks: list[tuple[int, int, list[str]]] = []
    ids: dict[str, str] = {}
    for (start, end), keys in sorted(by_span.items(), key=lambda entry: (entry[0][0], -entry[0][1])):
        if marks and start < marks[-1][1]:
            marks[-1][2].extend(keys)
        else:
            marks.append((start, end, list(keys)))
    pieces: list[str] = []
    position = 0
    for number, (start, end, keys) in enumerate(marks, start=1):
        mark_id = f"evidence-{number}"
        for key in keys:
            ids[key] = mark_id
        pieces.append(escape(text[position:start]))
        pieces.append(
            format_html(
                '<mark id="{}" class="evidence" data-fields="{}">{}</mark>', mark_id, " ".join(keys), text[start:end]
            )
        )
        position = end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces)), ids  # every piece above is escaped


class AddFromArticleView(View):
    """Step 1 shows the article form; posting it extracts a draft and shows the review form; step 2 saves."""

    admin_site = admin.site
    article_template = "intake/article_form.html"
    review_template = "intake/review.html"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_article(request, ArticleForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            step = request.POST.get("step")
        except RequestDataTooBig:
            error = _("This is too much data for one article; paste only the article's text.")
            return self.render_article(request, ArticleForm(), status=413, error=error)
        if step == "review":
            return self.post_review(request)
        return self.post_article(request)

    # --- step 1: the article ---------------------------------------------------

    def post_article(self, request: HttpRequest) -> HttpResponse:
        form = ArticleForm(request.POST, request.FILES)
        if not form.is_valid():
            if any(e.code in ("binary", "too_long") for e in form.errors.as_data().get("text", [])):
                # Do not send megabytes or binary junk back to the browser.
                data = request.POST.copy()
                data["text"] = ""
                form.data = data
            return self.render_article(request, form)
        started = time.perf_counter()
        from tracker.intake.extraction import extract

        article: ArticleData = form.article
        # The extractor knows English and French; it detects the language itself when the page says nothing else.
        language = article.language if article.language in EXTRACTION_LANGUAGES else None
        draft = extract(article.text, published=article.published_on, language=language)
        article = dataclasses.replace(article, language=draft.language or article.language)
        initial = draft_initial(draft, article=article)
        initial["evidence"] = evidence_from_draft(draft, article.text)

        company_candidates = CompanyMatcher().match([initial["company_name"]])[initial["company_name"]]
        best_company = next((c for c in company_candidates if c.preselected), None)
        initial["company_match"] = str(best_company.pk) if best_company else NEW
        rounds = []
        if best_company and initial["announced_on"]:
            rounds = same_round_candidates(
                company_id=best_company.pk, round_type=initial["round_type"], announced_on=initial["announced_on"]
            )
        initial["round_choice"] = str(rounds[0].pk) if rounds else NEW

        names = [investor.name for investor in draft.investors]
        investor_candidates = InvestorMatcher().match(names)
        rows = []
        for investor in draft.investors:
            candidates = investor_candidates[investor.name]
            best = next((c for c in candidates if c.preselected), None)
            role = investor.role if investor.role in ParticipationRole.values else ParticipationRole.PARTICIPANT
            rows.append({"include": True, "name": investor.name, "role": role, "match": str(best.pk) if best else NEW})
        review = ReviewForm(initial=initial, company_candidates=company_candidates, round_candidates=rounds)
        formset = InvestorFormSet(initial=rows, prefix=INVESTORS_PREFIX)
        for form, name in zip(formset.forms, names, strict=False):
            form.set_candidates(investor_candidates[name])
        logger.info("Article draft extracted and matched in %.3f s", time.perf_counter() - started)
        return self.render_review(request, review, formset, article.text, initial["evidence"])

    # --- step 2: the review ----------------------------------------------------

    def post_review(self, request: HttpRequest) -> HttpResponse:
        form = ReviewForm(request.POST)
        formset = InvestorFormSet(request.POST, prefix=INVESTORS_PREFIX)
        form_valid = form.is_valid()
        if form_valid and formset.is_valid():
            evidence = form.cleaned_data.get("evidence") or {}
            quote = (evidence.get("investors") or {}).get("quote", "")
            try:
                investors = formset.investors(text=form.cleaned_data["text"], quote=quote)
                saved = save_reviewed_round(**form.service_kwargs(investors))
            except IntakeError as error:
                form.add_error(None, error.message)
            except DatabaseError:
                logger.exception("Saving a reviewed article failed")
                form.add_error(None, _("The database refused to save this round; nothing was saved. Check the values."))
            else:
                self.message_saved(request, saved)
                return HttpResponseRedirect(reverse("admin:funding_fundinground_change", args=[saved.round.pk]))
        self.refresh_candidates(form, formset)
        text = form.cleaned_data.get("text") if hasattr(form, "cleaned_data") and "text" in form.cleaned_data else ""
        evidence = (form.cleaned_data.get("evidence") if hasattr(form, "cleaned_data") else None) or {}
        return self.render_review(request, form, formset, text or "", evidence)

    def message_saved(self, request: HttpRequest, saved) -> None:
        round_ = saved.round
        names = {"round": f"{round_.company.name} – {round_.display_label} ({round_.announced_display})"}
        if saved.round_created:
            text = _("Created %(round)s.") % names
        else:
            text = _("Updated %(round)s with this article.") % names
        added = ngettext(
            "%(count)s investor added (%(new)s new to the tracker).",
            "%(count)s investors added (%(new)s new to the tracker).",
            saved.participations_added,
        ) % {"count": saved.participations_added, "new": len(saved.investors_created)}
        messages.success(request, f"{text} {added}")

    def refresh_candidates(self, form: ReviewForm, formset) -> None:
        """Offer matches again for the names as posted, keeping whatever the editor chose."""
        name = form["company_name"].value() or ""
        companies = CompanyMatcher().match([name])[name] if name else []
        chosen = form["company_match"].value()
        if chosen and chosen.isdigit() and int(chosen) not in {c.pk for c in companies}:
            company = form.company or Company.objects.filter(pk=int(chosen)).first()
            if company is not None:
                companies.append(Candidate(company.pk, company.name, company.name, 0))
        form.set_company_candidates(companies)

        if form.company is not None:
            data = getattr(form, "cleaned_data", {})
            rounds = same_round_candidates(
                company_id=form.company.pk, round_type=data.get("round_type"), announced_on=data.get("announced_on")
            )
            round_chosen = form["round_choice"].value()
            if round_chosen and round_chosen.isdigit() and int(round_chosen) not in {r.pk for r in rounds}:
                rounds += list(FundingRound.objects.filter(pk=int(round_chosen), company=form.company))
            form.set_round_candidates(rounds)

        names = [f["name"].value() or "" for f in formset.forms]
        matches = InvestorMatcher().match([n for n in names if n])
        chosen_pks = {int(f["match"].value()) for f in formset.forms if (f["match"].value() or "").isdigit()} - {
            c.pk for found in matches.values() for c in found
        }
        extra = Investor.objects.in_bulk(chosen_pks) if chosen_pks else {}
        for row, name in zip(formset.forms, names, strict=True):
            candidates = list(matches.get(name, [])) if name else []
            value = row["match"].value() or ""
            if value.isdigit() and int(value) in extra:
                investor = extra[int(value)]
                candidates.append(Candidate(investor.pk, investor.name, investor.name, 0))
            row.set_candidates(candidates)

    # --- rendering -------------------------------------------------------------

    def context(self, request: HttpRequest, **extra) -> dict[str, Any]:
        return {
            **self.admin_site.each_context(request),
            "opts": FundingRound._meta,
            "title": _("Add from article"),
            "subtitle": None,
            # The form and the article need the width of the page.
            "is_nav_sidebar_enabled": False,
            **extra,
        }

    def render_article(
        self, request: HttpRequest, form: ArticleForm, status: int = 200, error: str = ""
    ) -> HttpResponse:
        context = self.context(request, form=form, error=error)
        return render(request, self.article_template, context, status=status)

    def render_review(
        self, request: HttpRequest, form: ReviewForm, formset, text: str, evidence: dict[str, dict]
    ) -> HttpResponse:
        article_html, mark_ids = highlight_evidence(text, evidence)

        def rows(names: list[str]) -> list[dict[str, Any]]:
            """Each field with the sentence behind it; a sentence already quoted just above is only linked."""
            result, previous = [], ""
            for name in names:
                key = FIELD_EVIDENCE.get(name)
                quote = ((evidence.get(key) or {}).get("quote", "") if key else "").strip()
                result.append(
                    {
                        "field": form[name],
                        "quote": quote,
                        "repeated": bool(quote) and quote == previous,
                        "mark": mark_ids.get(key, "") if key else "",
                    }
                )
                previous = quote or previous
            return result

        investors_item = evidence.get("investors") or {}
        context = self.context(
            request,
            title=_("Review the draft"),
            form=form,
            formset=formset,
            sections=[(title, rows(names)) for title, names in SECTIONS],
            source_rows=rows(SOURCE_FIELDS),
            list_complete=rows(["investor_list_complete"])[0],
            investors_quote=investors_item.get("quote", ""),
            investors_mark=mark_ids.get("investors", ""),
            article_html=article_html,
            round_candidates=form.round_candidates,
        )
        return render(request, self.review_template, context)
