"""The admin's view of single sign-on identities: who signs in as whom, and a way to link."""

from django.contrib import admin

from accounts.models import SignOnIdentity


@admin.register(SignOnIdentity)
class SignOnIdentityAdmin(admin.ModelAdmin):
    # Adding one by hand links an existing account (say, a manager made with createmanager)
    # to the provider's account, so the first sign-on does not create a second user.
    list_display = ["user", "subject", "issuer", "last_signed_in"]
    search_fields = ["user__username", "user__email", "subject"]
    raw_id_fields = ["user"]
    readonly_fields = ["created", "last_signed_in"]
