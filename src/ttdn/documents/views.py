"""Pages of the document register: search, and one document with its two citation chains."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ttdn.documents import selectors

MAX_LISTED = 200


class DocumentSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo số ký hiệu, trích yếu"), required=False, max_length=200)


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    form = DocumentSearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    documents = list(selectors.documents_search(q=q)[:MAX_LISTED])
    template = (
        "documents/document_list.html#results" if request.htmx else "documents/document_list.html"
    )
    return render(request, template, {"form": form, "documents": documents, "q": q})


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(pk=pk)
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "implements": selectors.document_implements(document=document),
            "implemented_by": selectors.document_implemented_by(document=document),
        },
    )
