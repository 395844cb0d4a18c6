"""The desk's forms: login with an optional second factor, and the article editor."""

from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils import timezone
from django_otp import user_has_device
from django_otp.forms import OTPAuthenticationFormMixin
from django_prose_editor.fields import ProseEditorFormField

from dateline.core.text import http_url, sanitize_html
from dateline.newsroom.models import Article, CorrectionNote

# The body editor offers only what news copy uses; `sanitize_html` is the same allow-list
# every other way into an article body goes through, so the editor cannot widen it.
BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False},
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
}


class DeskLoginForm(OTPAuthenticationFormMixin, AdminAuthenticationForm):
    """Username and password; then, for those who set up two-factor, a code from their app.

    Two-factor is optional per person: someone without a confirmed device logs in with the
    password alone (the desk can require it of admins by policy, not by code).
    """

    otp_device = forms.CharField(required=False, widget=forms.HiddenInput)
    otp_token = forms.CharField(
        required=False,
        label="Code from your authenticator app (if you set one up)",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    otp_challenge = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        cleaned = super().clean()
        user = self.get_user()
        if user is not None and user_has_device(user, confirmed=True):
            if not cleaned.get("otp_device"):
                # The desk offers one authenticator app per person, so the code is checked
                # against it without asking which device (django-otp reads the choice from
                # the form's `otp_device`).
                device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
                cleaned["otp_device"] = device.persistent_id if device else ""
            self.clean_otp(user)
        return cleaned


class ArticleForm(forms.ModelForm):
    body = ProseEditorFormField(
        required=False,
        extensions=BODY_EXTENSIONS,
        sanitize=sanitize_html,
        help_text="Copy is cleaned to the tags news copy uses when saved.",
    )
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "headline",
            "standfirst",
            "body",
            "byline",
            "authors",
            "dateline_place",
            "dateline_date",
            "credit",
            "section",
            "source",
            "language",
            "is_lead",
            "image_url",
            "image_caption",
            "image_credit",
            "image_alt",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["opened_version"] = self.instance.edit_version
        self.conflict: list[tuple[str, object, object]] = []
        self.current: Article | None = None

    def clean_image_url(self) -> str:
        url = self.cleaned_data.get("image_url") or ""
        if url and not http_url(url):
            raise forms.ValidationError("Give the picture's http:// or https:// address.")
        return url

    def clean(self):
        """Refuse a save from a form opened before someone else's save, with what differs.

        The form then carries the current version number, so saving again after comparing
        keeps this editor's copy: that is the merge.
        """
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        current = Article.objects.get(pk=self.instance.pk)
        if cleaned.get("opened_version") == current.edit_version:
            return cleaned
        self.current = current
        for name in ArticleForm.Meta.fields:
            if name == "authors":
                continue
            if name in self.changed_data:
                self.conflict.append((name, getattr(current, name), cleaned.get(name)))
        data = self.data.copy()
        data["opened_version"] = str(current.edit_version)
        self.data = data
        raise forms.ValidationError(
            "Someone else saved this article after you opened it, so your changes were not "
            "saved. Their version and yours are compared below; edit the form to merge, then "
            "save again to keep what the form shows.",
            code="edit_conflict",
        )


class CorrectionForm(forms.Form):
    kind = forms.ChoiceField(choices=CorrectionNote.Kind.choices, initial="correction")
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown to readers under the article and on /corrections/, with today's date.",
    )
    headline = forms.CharField(max_length=300)
    standfirst = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    body = ProseEditorFormField(required=False, extensions=BODY_EXTENSIONS, sanitize=sanitize_html)


class ScheduleForm(forms.Form):
    at = forms.DateTimeField(
        label="Publish at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="In the edition's time zone.",
    )

    def clean_at(self):
        at = self.cleaned_data["at"]
        return at if timezone.is_aware(at) else timezone.make_aware(at)


class KillForm(forms.Form):
    reason = forms.CharField(
        max_length=200, help_text="Legal, agency kill, wrong person... kept in the audit log."
    )


class TwoFactorForm(forms.Form):
    token = forms.CharField(max_length=8, label="Code shown by your app")
