# Kontor — English
test-plural = { $count ->
    [one] { $count } hour ago
   *[other] { $count } hours ago
}

## Chrome
skip-to-content = Skip to content
demo-banner = Demo installation: all members and data are made up. Log in as any demo member with the password "kontor-demo".
nav-main = Main navigation
nav-home = Home
nav-profile = Profile
nav-settings = Settings
nav-admin = Admin
login = Log in
logout = Log out
signup = Sign up
language = Language
language-switch = Change language
footer-free-software = Kontor is free software under the GNU AGPL.
save = Save

## Landing
landing-title = Your professional network
landing-heading = Welcome to { $site }
landing-lead = Keep your business contacts, see how you know anyone, and decide yourself who learns what about you.
landing-what = What you get
landing-point-contacts = Confirmed contacts and the paths that connect you to anyone in the network.
landing-point-privacy = Every field of your profile has its own visibility — from "only me" to "public".
landing-point-own = Run by your own organisation, not by an advertising company.

## Sign-up and log-in
signup-title = Create your account
signup-closed = Sign-up is by invitation only. Ask a member or the operator for an invitation.
signup-approval-note = New members are approved by an administrator after they confirm their e-mail address.
signup-have-account = Already a member?
signup-done-title = Check your inbox
signup-done-body = We have sent a link to your e-mail address. Open it to confirm the address and finish signing up. The link is valid for 48 hours.
password-hint = At least 10 characters, not a common password, not your name. A sentence you can remember works well.
verify-title = Confirm your e-mail address
verify-body = Click the button to confirm this e-mail address for your account.
verify-button = Confirm address
verify-choose-title = Confirm your address and choose a password
verify-choose-intro = You opened this link in a different browser from the one you signed up in. To make sure the account is yours, choose its password now.
verify-choose-save = Confirm and save password
verify-done-title = Address confirmed
verify-done-body = Thank you. Your account is ready — log in to fill in your profile.
verify-done-approval = Thank you. An administrator will now review your sign-up; you will get an e-mail once you can log in.
login-title = Log in
login-no-account = New here?
reset-forgot = Forgot your password?
reset-title = Reset your password
reset-intro = Enter the e-mail address of your account. If it belongs to an account, we send a link to set a new password.
reset-send = Send link
reset-sent-title = Check your inbox
reset-sent-body = If the address belongs to an account, a link to set a new password is on its way. It is valid for one hour.
reset-new-title = Choose a new password
reset-save = Save new password
reset-done = Your password has been changed and all sessions have ended. Log in with the new password.

## Home
home-welcome = Welcome, { $name }
home-completeness = Profile { $count }% complete
home-empty = Your network starts with a good profile: members who find you should see what you do and what you offer.
home-complete-profile = Complete your profile
home-privacy-title = You decide who sees what
home-privacy-body = Each part of your profile has its own visibility. Nothing is public unless you choose it; private contact data is for you alone.
home-privacy-action = Check your privacy settings

## Profile
profile-edit = Edit profile
profile-view-as = View my profile as others see it
profile-saved = Your profile has been saved.
profile-see = See your profile
profile-today = today
profile-section-basics = The basics
profile-section-haves-wants = What I offer and what I look for
profile-contact-data = Contact data
profile-business-contact = Business contact
profile-private-contact = Private contact
profile-visibility-hint = Next to each field you choose who sees it.
profile-preview-note = This is how your profile looks to: { $audience }.
profile-preview-leave = Back to your profile
profile-preview-hidden = Your profile is not visible to this audience at all.
hint-headline = One line that says what you do, e.g. "Tax adviser for start-ups in Leipzig".
hint-tags = Separate entries with commas.
view-as-public = The public
view-as-member = A member
view-as-contact = A contact
view-as-contact_of_contact = A contact of a contact
visibility-who-sees = Who sees this
visibility-only_me = Only me
visibility-contacts = Contacts
visibility-contacts_of_contacts = Contacts of contacts
visibility-members = All members
visibility-public = Public

## Fields
field-name = Name
field-email = E-mail address
field-password = Password
field-new-password = New password
field-new_password = New password
field-current_password = Current password
field-photo = Photo
field-headline = Headline
field-position = Position
field-company = Company
field-city = City
field-region = Region
field-country = Country
field-industry = Industry
field-about = About me
field-work_history = Work history
field-education = Education
field-title = Job title
field-school = School or university
field-degree = Degree
field-from-year = From (year)
field-to-year = To (year)
field-languages = Languages
field-links = Web links
field-haves = I offer
field-wants = I look for
field-interests = Interests
field-organisations = Organisations
field-business_email = Business e-mail
field-business_phone = Business phone
field-private_email = Private e-mail
field-private_phone = Private phone
field-private_address = Private address
field-location = Location
field-business_contact = Business contact data
field-private_contact = Private contact data
field-birthday = Birthday
field-form = Form
field-body = Request
field-lang = Language

## Settings
settings-security = Sign-in and security
settings-confirm-explain = To change your address, password, two-factor log-in or access tokens, or to delete your account, confirm your password first. The confirmation holds for 10 minutes.
settings-confirm = Confirm
settings-confirm-first = Confirm your password under “Sign-in and security” to change this.
settings-confirm-first-sessions = To end sessions, confirm your password first under “Sign-in and security”.
settings-confirmed = Confirmed
settings-confirmed-until = You can change sign-in settings until { $time }.
settings-ended = Signed out everywhere else, for your security:
settings-ended-token = Access token “{ $name }” (revoked)
settings-token-scopes = Permissions
scope-read = Read
scope-read-explain = (what you may see)
scope-write = Write
scope-write-explain = (post, connect, edit your profile; never your password or tokens)
twofactor-off-code = Code from your app, or a recovery code
settings-account = Account
settings-password = Password
settings-password-change = Change password
settings-password-changed = Your password has been changed. All other sessions have ended.
settings-sessions = Where you are logged in
settings-session-device = Device
settings-session-seen = Last active
settings-session-end = End session
settings-session-this = this device
settings-logout-everywhere = Log out everywhere

## Errors
form-has-errors = Please correct the following:
error-back-home = Back to the start page
error-title-400 = This link does not work
error-title-401 = Please log in
error-title-403 = Not allowed
error-title-404 = Not found
error-title-409 = Conflict
error-title-413 = Too large
error-title-422 = Please check your input
error-title-429 = Too many attempts
error-title-500 = Something went wrong
error-title-503 = Busy right now
error-validation_failed = Some of the input is not valid.
error-not_found = This page does not exist, or you may not see it.
error-unauthenticated = Please log in first.
error-forbidden = You may not do that.
error-invalid_credentials = E-mail address or password is wrong.
error-email_not_verified = Please confirm your e-mail address first: open the link we sent you.
error-awaiting_approval = Your sign-up is waiting for an administrator's approval.
error-account_suspended = This account has been suspended. Contact the operator of this network.
error-invalid_token = This link is invalid, has been used already or has expired. Request a new one.
error-signup_closed = Sign-up is by invitation only.
error-session_required = Access tokens cannot manage sign-in settings, sessions or tokens. Log in to do this.
error-reauthentication_required = For your security, please confirm your password first.
error-insufficient_scope = This access token may not do this; its scopes do not cover it.
error-rate_limited = Too many attempts. Please wait a few minutes and try again.
error-rate_limited-wait = Too many attempts. Please try again in { $count ->
        [one] a minute
       *[other] { $count } minutes
    }.
error-conflict = This conflicts with existing data.
error-email_taken = This e-mail address is already in use.
error-csrf_failed = Your form has expired. Reload the page and send it again.
error-busy = The server is busy. Please try again in a moment.
error-storage_full = Nothing was saved: the server's disk is full. Reading still works; please try again later. (The operator has been told in the log.)
error-internal = Something went wrong on our side. Please try again later.
error-required = Please fill in this field.
error-email_invalid = This is not a valid e-mail address.
error-password_too_short = The password needs at least 10 characters.
error-password_guessable = Attackers try this password among the first (a common password or word, also with digits before or after it). A few words that do not belong together make a strong one.
error-password_personal = The password is mostly your name, your e-mail address or the site's name. Choose one nobody could guess from your profile.
error-password_wrong = The password is not correct.
error-too_long = This is too long.
error-too_many = These are too many entries.
error-too_large = The request is too large.
error-invalid_characters = This contains characters that are not allowed.
error-link_invalid = Links must start with http:// or https://.
error-phone_invalid = This is not a valid phone number.
error-date_invalid = This is not a valid date.
error-entry_invalid = Each entry needs a title or an organisation, and years in order.
error-form_invalid = The form could not be read.
error-json_invalid = The request body is not valid JSON for this request.
error-unknown_field = The request body has a field this request does not know; check its spelling in the API documentation.
error-query_invalid = A query parameter is missing or has a value this request does not accept; see the API documentation.
error-invalid = This value is not valid.

## E-mail
mail-footer = You receive this e-mail from { $site } because this address was used there.
mail-verify-subject = Confirm your e-mail address for { $site }
mail-verify-body = Hello { $name },

    please confirm your e-mail address to finish signing up for { $site }. The link is valid for 48 hours.

    If you open the link in another browser or on another device, you choose your password there. If you did not sign up, ignore this e-mail.
mail-verify-action = Confirm e-mail address
mail-already-registered-subject = Your account at { $site }
mail-already-registered-body = Hello { $name },

    someone tried to sign up for { $site } with this e-mail address, but you already have an account. Nothing about your account has changed: your password is the same as before.

    If that was you and you forgot your password, you can ask for a link to set a new one on the page below. Otherwise ignore this e-mail.
mail-already-registered-action = Forgot your password?
mail-signup-again-subject = Someone signed up again with your address at { $site }
mail-signup-again-body = Hello { $name },

    someone signed up for { $site } again with this e-mail address, whose account is not confirmed yet. Nothing has changed: the link in our first e-mail still works too.

    If that was you, confirm your address with the link below (valid for 48 hours). Unless you open it in the browser you signed up in, you choose your password when you open it. If it was not you, ignore this e-mail: without the link in it, nobody can open the account.
mail-signup-again-action = Confirm e-mail address
mail-reset-subject = Set a new password for { $site }
mail-reset-body = Hello { $name },

    you asked to set a new password. The link is valid for one hour and works once.

    If you did not ask for this, ignore this e-mail; your password stays as it is.
mail-reset-action = Set a new password

## Administration
admin-site = Site
field-site_name = Site name
field-signup_mode = Who may join
signup-mode-open = Anyone may sign up
signup-mode-approval = Anyone may sign up; an admin approves each new member
signup-mode-invite_only = By invitation only
field-two_factor_required = Two-factor log-in
two-factor-rule-optional = Each member chooses
two-factor-rule-admins = Required for administrators
two-factor-rule-everyone = Required for everyone
two-factor-rule-hint = Members it covers who have not set it up are sent to set it up at their next page, and the API answers them only with two_factor_required until they have.
twofactor-required-notice = This site requires two-factor log-in for your account. Set it up to go on: scan the code with an authenticator app and confirm with a code from it.
error-two_factor_required = This site requires two-factor log-in for your account. Set it up under Settings → Sign-in and security first.
admin-sender-title = E-mails have no sender address yet
admin-sender-explain = Kontor sends from noreply@kontor.invalid, an address no mail server delivers for, because neither the public address nor the mail settings name a domain. Set one in kontor.toml and restart:
admin-invite-lang = Language of the invitation
admin-members = Members
admin-filter = Show members
admin-filter-all = All
admin-no-members = No members here.
admin-role-admin = Admin
admin-saved = The settings have been saved.
admin-done = Done.
admin-action-approve = Approve
admin-action-suspend = Suspend
admin-action-reinstate = Reinstate
admin-action-make_admin = Make admin
admin-action-revoke_admin = Revoke admin
admin-action-delete = Delete
admin-action-end_sessions = End sign-ins
admin-sessions = Sign-ins
admin-sessions-explain = After a break-in, or when everyone must log in again: ends every member's sessions and access tokens at once. Your own session here stays. To end one member's sign-ins, use “End sign-ins” in the member list.
admin-sessions-end = End every sign-in
admin-sessions-ended = Every member's sessions and access tokens have ended; yours here goes on.
state-unverified = Not verified
state-awaiting_approval = Awaiting approval
state-active = Active
state-suspended = Suspended
state-invited = Invited
show-more = Show more
error-not_awaiting_approval = This member is not waiting for approval.
error-not_suspended = This member is not suspended.
error-cannot_act_on_self = You cannot do this to your own account.
error-last_admin = The last admin cannot step down; make someone else admin first.

## Deleting an account
settings-delete = Delete my account
settings-delete-explain = Your account is closed at once. For 14 days you can reopen it by logging in; then your profile and everything else of yours is deleted for good.
settings-delete-button = Delete my account
delete-scheduled-title = Your account is closed
delete-scheduled-body = You have been logged out. If you change your mind, log in within 14 days to reopen your account; after that, everything of yours is deleted.
mail-approved-subject = Welcome to { $site }
mail-approved-body = Hello { $name },

    your membership of { $site } has been approved. You can log in now.
mail-approved-action = Log in
mail-deletion-subject = Your account at { $site } will be deleted
mail-deletion-body = Hello { $name },

    you have closed your account at { $site }. In 14 days it will be deleted for good, with your profile and everything else of yours.

    If you change your mind, simply log in before then and your account is reopened.
mail-deletion-action = Log in to keep your account

## Photo
profile-photo-current = Your current photo
profile-photo-choose = Choose a photo
profile-photo-upload = Upload photo
profile-photo-remove = Remove photo
hint-photo = JPEG, PNG or WebP, at most 8 MB. It is cropped to a square; location data and other metadata are removed.
error-image_too_large = This image is too large (at most 8 MB).
error-image_too_many_pixels = This image has too many pixels for a profile photo. Please choose a smaller version of it.
error-images_busy = Many photos are being processed right now. Please try again in a few seconds.
error-image_unsupported = Please choose a JPEG, PNG or WebP image.
error-image_unreadable = This image could not be read; it may be damaged.

## Two-factor log-in
twofactor-title = Two-factor log-in
twofactor-on = On
twofactor-on-explain = Logging in needs a code from your authenticator app (or a recovery code) as well as your password.
twofactor-off-explain = Protect your account with a second step: a code from an authenticator app on your phone.
twofactor-turn-on = Turn on two-factor log-in
twofactor-turn-off = Turn off two-factor log-in
twofactor-login-title = Enter your code
twofactor-login-intro = Open your authenticator app and enter the six-digit code for this account.
twofactor-login-hint = Lost your phone? Enter one of your recovery codes instead.
field-scopes = What it may do
field-reauth = Confirming your password
field-code = Code
twofactor-setup-title = Set up two-factor log-in
twofactor-setup-scan = Scan this code with your authenticator app (for example FreeOTP, Aegis or Google Authenticator).
twofactor-setup-qr-alt = QR code for your authenticator app
twofactor-setup-manual = Or enter this key by hand:
twofactor-setup-code = The six-digit code your app shows
twofactor-setup-confirm = Turn on
twofactor-codes-title = Your recovery codes
twofactor-codes-intro = Two-factor log-in is on. Keep these codes somewhere safe: each one lets you log in once if you lose your phone. They are shown only now.
twofactor-codes-done = I have saved them
error-code_wrong = This code is not right, or it has been used already.
error-two_factor_already_on = Two-factor log-in is already on.
error-second_factor_required = This account needs a code from the authenticator app (field "otp").

## E-mail change and access tokens
field-new_email = New e-mail address
settings-email-change = Change e-mail address
settings-email-sent = We have sent a link to the new address. Your address changes when you open it.
email-confirm-title = Confirm your new e-mail address
email-confirm-body = Click the button to use this address for your account from now on.
email-confirm-button = Use this address
email-changed-title = E-mail address changed
email-changed-body = Your account now uses the new address.
error-email_unchanged = This is already your address.
mail-email-change-subject = Confirm your new e-mail address for { $site }
mail-email-change-body = Hello { $name },

    please confirm that { $site } should use this address for your account from now on. The link is valid for 48 hours.

    If you did not ask for this, ignore this e-mail.
mail-email-change-action = Confirm new address
mail-email-changed-subject = Your e-mail address at { $site } has changed
mail-email-changed-body = Hello { $name },

    the e-mail address of your account at { $site } has just been changed, and this address is no longer used.

    If you did not do this, reset your password at once and contact the operator.
mail-email-changed-action = Reset password
settings-tokens = Access tokens for the API
settings-tokens-explain = Scripts and apps use an access token to act for you through the API. Treat a token like a password; revoke it when you no longer need it.
field-token_name = Name
settings-token-placeholder = e.g. "CRM sync"
settings-token-create = Create token
settings-token-created = Your new token (copy it now, it is shown only once):
settings-token-used = Last used
settings-token-never = never
settings-token-revoke = Revoke
landing-members = { $count ->
    [one] One member
   *[other] { $count } members
} already here

## Entities
admin-entities = Organisations, places, industries and tags
admin-entities-explain = Members may spell the same thing differently. Merge a spelling into the one to keep: every member linked to the first is then linked to the second.
field-kind = Kind
entity-organisation = Organisation
entity-place = Place
entity-industry = Industry
entity-tag = Tag
field-merge_from = Merge this spelling
field-merge_into = into this one
admin-entities-merge = Merge
error-entity_unknown = No such entry; check the spelling.
profile-view-as-label = View my profile as:

## Invitations
admin-invite = Invite someone
admin-invite-send = Send invitation
admin-invited = The invitation is on its way.
admin-action-invite = Send invitation
error-already_member = This person is a member already.
invite-title = Welcome! Choose your password
invite-intro = You have been invited. Choose a password to open your account.
invite-save = Open my account
invite-done = Your account is open. Log in with your e-mail address and the new password.
mail-invitation-subject = You are invited to { $site }
mail-invitation-body = Hello { $name },

    you are invited to join { $site }, our professional network. Choose a password with the link below to open your account; the link is valid for 14 days.
mail-invitation-action = Accept the invitation

mail-contact-request-subject = { $from } would like to connect on { $site }
mail-contact-request-body = Hello { $name },

    { $from } would like to add you to their contacts on { $site }. You can accept or decline; { $from } is not told if you decline.
mail-contact-request-action = See the request

## Parked jobs
admin-jobs = Failed background jobs
admin-jobs-none = No background job has failed for good.
admin-jobs-explain = These jobs failed again and again and were set aside. Fix the cause (for e-mails: the mail server settings), then try them again.
admin-job-kind = Job
admin-job-since = Since
admin-job-error = Last error
admin-job-retry = Try again
settings-privacy = Privacy
settings-privacy-explain = Each part of your profile has its own visibility, which you set next to it when you edit your profile. Nothing is public unless you choose it.
settings-privacy-edit = Choose who sees what

## Contacts and the network
nav-network = Network
requests-waiting = { $count ->
    [one] One contact request is waiting for your answer.
   *[other] { $count } contact requests are waiting for your answer.
}
requests-answer = Answer
people-search-label = Find people by name, skills, company or city
people-search-placeholder = Search people
degree-1 = 1st
degree-2 = 2nd
degree-3 = 3rd
degree-4 = 4th
home-degree-1 = { $count ->
    [one] direct contact
   *[other] direct contacts
}
home-degree-2 = { $count ->
    [one] contact at the 2nd degree
   *[other] contacts at the 2nd degree
}
home-degree-3 = { $count ->
    [one] contact at the 3rd degree
   *[other] contacts at the 3rd degree
}
degree-long-1 = 1st-degree contact
degree-long-2 = 2nd-degree contact
degree-long-3 = 3rd-degree contact
degree-long-4 = 4th-degree contact
network-path = Contact path
network-how-connected = How you know each other
shared-contacts-count = { $count ->
    [one] One shared contact
   *[other] { $count } shared contacts
}
contacts-title = Contacts
contacts-search = Name
contacts-tag = Tag
contacts-tag-all = All tags
contacts-sort = Sort by
contacts-sort-name = Name
contacts-sort-recent = Newest first
contacts-filter = Show
contacts-empty = You have no contacts yet. Find colleagues, business partners and people you met, and send them a request.
contacts-find = Find people
contacts-none-found = No contact matches.
contacts-since = Contact since { $date }
contacts-vcard = vCard
contacts-vcard-all = Export all contacts as vCard (for your phone or mail program)
how-colleagues = Colleagues
how-former_colleagues = Former colleagues
how-business_partners = Business partners
how-studied_together = Studied together
how-met_at_event = Met at an event
how-same_association = Same association
how-friends = Friends
how-other = Other
requests-title = Requests
requests-received = Requests for you
requests-received-none = No requests are waiting for you.
requests-sent = Requests you sent
requests-sent-none = You have no open requests.
requests-decline-hint = If you decline, the sender is not told.
requests-accepted = You are now contacts.
requests-declined = The request is declined. The sender is not told.
requests-withdrawn = Your request is withdrawn.
request-accept = Accept
request-announce = Tell my contacts about this new contact
request-decline = Decline
request-withdraw = Withdraw
people-title = Find people
people-search = Search
people-none-found = Nobody found. Try a name, a skill, a company or a city.
people-view = View profile
posts-search-title = Posts
posts-search-label = Find posts by their words
posts-none-found = No post you may read has these words.
posts-found = { $count ->
    [one] One post found
   *[other] { $count } posts found
}
posts-found-at-least = { $count ->
    [one] At least one post found
   *[other] More than { $count } posts found
}
search-kinds = What to search
people-public-only = You see members who made their profile public, and only what they show the public. Log in to find more.
field-public_search = Visitors may search for people
public-search-hint = Visitors who are not logged in find only members who made their profile public, through public fields, and at most 30 searches per address in 5 minutes.
people-sort-relevance = Best matches
people-sort-name = By name
people-refine = Narrow down
people-facet-degree = Degree
people-filters-set = Filters in use
people-filter-remove = remove this filter
searches-title = Saved searches
searches-intro = Kontor searches these for you every few minutes and tells you when someone new turns up, in the app and by e-mail as you choose.
searches-mail-settings = E-mail settings
searches-none = No saved searches yet. Search for people and save the search to hear of new matches.
searches-alerts-on = Tells you of new people
searches-alerts-off = Alerts off
searches-alerts-stop = Stop alerts
searches-alerts-start = Alert me
searches-delete = Delete
searches-save = Save this search
searches-save-why = and be told when someone new matches
searches-saved = Search saved. You will hear of new people who match.
searches-deleted = Search deleted.
people-suggested = People matching what you type
people-found = { $count ->
    [one] One person found
   *[other] { $count } people found
}
people-found-at-least = { $count ->
    [one] At least one person found
   *[other] More than { $count } people found
}
people-found-in = Found in:
people-similar = Similar spelling in:
people-pages = More results
people-previous = Previous
people-next = Next
error-too_many_words = Please use at most eight words.
suggestions-title = People you may know
offers-title = Who offers what you look for
offers-tags = Offers { $tags }
offers-none = Nobody offers what you look for yet. As soon as someone does, you see them here.
offers-add-wants = Say on your profile what you are looking for, and see here who offers it.
offers-edit = Add what you look for
offers-all = Everyone who offers what you look for
seekers-title = Who seeks what you offer
seekers-tags = Seeks { $tags }
seekers-none = Nobody seeks what you offer yet. As soon as someone does, you see them here.
seekers-add-haves = Say on your profile what you offer, and see here who seeks it.
matches-title = I offer – I look for
matches-which = Which way
matches-edit = Edit your profile
suggestions-none = No suggestions right now. Complete your profile and add contacts, and people you may know appear here.
suggestion-same-company = same company
suggestion-same-school = same school
suggestion-same-city = same city
suggestion-interests = { $count ->
    [one] one shared interest
   *[other] { $count } shared interests
}
suggestion-dismiss = Not now
suggestion-dismiss-who = Do not suggest { $name } again
contact-add = Add as contact
contact-how = How do you know each other?
contact-message = Personal note (optional)
contact-message-hint = Up to 500 characters. Only the recipient reads it.
contact-send-request = Send request
contact-is-contact = Contact
contact-request-pending = Request sent
contact-more = More
contact-remove = Remove contact
contact-remove-hint = The other member is not told. Your tags, note and anything you granted them go with the contact.
block = Block
block-hint = A block ends your contact and any request, and hides you from each other everywhere. The other member is not told.
unblock = Unblock
contact-ours = Your contact
contact-tags = Your tags
contact-tags-hint = Separate tags with commas. Only you see them.
contact-note = Your note
contact-note-hint = Only you see it.
contact-grants = Let this contact see
contact-grants-hint = Fields that your contacts do not see otherwise; only this contact will.
contact-done-sent = Your request is sent.
contact-done-connected = You are now contacts: they had asked you too.
contact-done-removed = The contact is removed.
contact-done-blocked = The member is blocked.
contact-done-unblocked = The member is unblocked.
contact-done-saved = Saved.
contact-limit-per-day = You have sent as many contact requests today as this network allows. Please try again tomorrow.
error-already_contacts = You are contacts already.
error-request_pending = A request between you is already open.
error-too_many_open_requests = You have too many open requests. Withdraw some, or wait until they are answered.
error-invalid_choice = Please choose one of the options.
error-invalid_tag = A tag can have up to 40 characters and no commas.
contact-settings-title = Contacts and privacy
contact-settings-saved = Your contact settings are saved.
contact-list-visibility = Who may see your contact list
contact-list-visibility-hint = This also decides who sees how they are connected to you through your contacts.
list-visibility-only_me = Only me
list-visibility-contacts = My contacts
list-visibility-contacts_of_contacts = Contacts of my contacts
list-visibility-members = All members
contact-request-mails = E-mails about contact requests and other news: notification settings
blocked-title = Blocked members
blocked-none = You have blocked nobody.
blocked-hint = Blocked members cannot see you or send you requests, and you do not see them.
home-network = Your network
home-my-contacts = My contacts

## The ticker
post-write = Share something with your network
post-placeholder = What are you working on?
post-audience = Who may see it
post-send = Post
post-edited = edited
post-like = Like
post-unlike = Unlike
post-author-unnamed = A member of { $site }
post-audience-name-hint = Your name is shown to members only: people who are not logged in read your public posts as by “a member of { $site }”.
post-audience-name-change = Change who sees your name
post-likes = { $count ->
    [one] 1 like
   *[other] { $count } likes
}
post-comments = { $count ->
    [one] 1 comment
   *[other] { $count } comments
}
post-share = Share
post-edit = Edit
post-text = Text
post-delete-confirm-title = Delete this post?
post-delete-confirm-body = The post goes for good, and with it every comment, like and share on it.
contact-remove-confirm-title = Remove this contact?
contact-remove-confirm-body = The other member is not told. Your tags, note and anything you granted them go with the contact; to be contacts again, one of you asks anew.
contact-block-confirm-title = Block this member?
contact-block-confirm-body = Your contact and any requests between you end, and neither of you sees the other anywhere. You can unblock them in your contact settings.
post-delete = Delete post
post-report = Report post
post-title = Post by { $name }
report-reason = What is wrong with it?
share-note = Your note (optional)
share-hint = A share never reaches further than the post itself.
comment-write = Write a comment
comment-send = Send
comment-reply = Reply
audience-contacts = My contacts
audience-contacts_of_contacts = Contacts of my contacts
audience-members = All members
audience-public = Public
reach-nobody = Nobody
reach-contacts = My contacts
reach-members = All members
ticker-filter = Show
ticker-filter-all = All
ticker-filter-posts = Posts
ticker-filter-conversations = Comments and likes
ticker-filter-contacts = New contacts
ticker-filter-profiles = Profile changes
ticker-did-share = shared a post
ticker-did-comment = commented on a post
ticker-did-like = likes a post
ticker-did-contact = is now connected with
ticker-did-profile = updated their profile
ticker-did-post = posted
ticker-reacted-like = { $count ->
    [0] liked this
    [one] and one other liked this
   *[other] and { $count } others liked this
}
ticker-reacted-comment = { $count ->
    [0] commented
    [one] and one other commented
   *[other] and { $count } others commented
}
ticker-reacted-share = { $count ->
    [0] shared this
    [one] and one other shared this
   *[other] and { $count } others shared this
}
ticker-new-position = New position
ticker-new-headline = New headline
ticker-new-photo = New photo
ticker-why = Why do I see this?
ticker-because-you = Because you did it.
ticker-because-contact = Because you and { $name } are contacts.
ticker-mute = Hide news from { $name }
ticker-empty = Nothing new in your network yet. Add contacts to see what they do.
ticker-more = Show older news
ticker-birthdays = Birthdays today
ticker-new = { $count ->
    [one] 1 new item — show
   *[other] { $count } new items — show
}
ticker-settings-title = Ticker and news
ticker-settings-intro = You decide what your network hears of you. A narrower choice also hides what was shown before; a wider one only counts from now on.
ticker-settings-contacts = My new contacts
ticker-settings-announce = Tell my contacts when I make a new contact
ticker-settings-announce-hint = When you accept a request you can still decide for that one contact.
ticker-settings-profile = Changes to my profile (position, photo, headline)
ticker-settings-later-hint = Old changes are never announced after the fact.
ticker-settings-birthday = My birthday
ticker-settings-birthday-show = Show my contacts my birthday in their ticker (only if they may see my birthday)
ticker-muted = Muted members
ticker-muted-none = You have muted nobody.
ticker-unmute = Show again
saved = Saved.

## Notifications
nav-notifications = Notifications
notifications-unread = { $count ->
    [one] 1 unread notification
   *[other] { $count } unread notifications
}
notifications-title = Notifications
notifications-none = No notifications yet. When someone answers your contact request, comments on or likes your post or mentions you, you find it here.
notifications-new = new
notifications-older = Older notifications
notifications-mark-read = Mark all as read
notification-contact_request = wants to connect with you
notification-contact_accepted = accepted your contact request
notification-comment = commented on your post
notification-reply = replied to your comment
notification-like = likes your post
notification-mention = mentioned you
notification-birthday = has a birthday today
notification-settings-title = Notifications by e-mail
notification-settings-intro = For each kind of news: no e-mail, an e-mail at once, or one e-mail a day with everything new. In Kontor you always see all of them.
notification-kind-contact_request = Contact requests
notification-kind-contact_accepted = Accepted contact requests
notification-kind-comment = Comments on my posts
notification-kind-reply = Replies to my comments
notification-kind-like = Likes of my posts
notification-kind-mention = Mentions
notification-kind-birthday = Birthdays of my contacts
notification-search_match = is new among the people one of your saved searches finds
notification-kind-search_match = New people for my saved searches
mail-choice-off = No e-mail
mail-choice-immediately = At once
mail-choice-digest = Daily digest
mail-unsubscribe = Unsubscribe from these e-mails
mail-notification-hello = Hello { $name },
mail-notification-action = Open
mail-notification-why = You get this e-mail at once because of your notification settings.
mail-digest-subject = Your news on { $site }: { $count ->
    [one] 1 notification
   *[other] { $count } notifications
}
mail-digest-body = Hello { $name },

    this is what happened in your network since your last digest.
mail-digest-why = You get this digest once a day because of your notification settings.
unsubscribe-title = Unsubscribe
unsubscribe-what-digest = Stop the daily digest: every kind of notification it brings gets no e-mail any more.
unsubscribe-what-contact_request = Stop e-mails about contact requests.
unsubscribe-what-contact_accepted = Stop e-mails about accepted contact requests.
unsubscribe-what-comment = Stop e-mails about comments on your posts.
unsubscribe-what-reply = Stop e-mails about replies to your comments.
unsubscribe-what-like = Stop e-mails about likes of your posts.
unsubscribe-what-mention = Stop e-mails about mentions.
unsubscribe-what-birthday = Stop e-mails about your contacts' birthdays.
unsubscribe-confirm = Unsubscribe
unsubscribed-digest = Done: you get no daily digest any more.
unsubscribed-contact_request = Done: no more e-mails about contact requests.
unsubscribed-contact_accepted = Done: no more e-mails about accepted contact requests.
unsubscribed-comment = Done: no more e-mails about comments.
unsubscribed-reply = Done: no more e-mails about replies.
unsubscribed-like = Done: no more e-mails about likes.
unsubscribed-mention = Done: no more e-mails about mentions.
unsubscribed-birthday = Done: no more e-mails about birthdays.
unsubscribe-again = You can turn e-mails back on any time in your notification settings.
admin-reports = Reported posts
admin-reports-none = No post has been reported.
admin-reports-count = { $count ->
    [one] 1 report
   *[other] { $count } reports
}
post-login-to-join = Log in to like, comment or share

## Legal pages
legal-imprint = Legal notice
legal-privacy = Privacy
legal-terms = Terms of use
legal-nav = Legal
legal-other-language = This page is available only in German.
legal-updated = Last updated
legal-view = View the page
legal-markdown = Text (Markdown)
legal-markdown-hint = Headings with #, lists with -, links as [text](https://…). Leave empty and save to remove the page.
legal-template-note = This is a template generated from what Kontor stores and for how long. Fill in the parts in [brackets], add what your installation adds (mail provider, hosting, backups), and have it checked before you save it.
legal-explain-imprint = German law (§ 5 DDG) requires a legal notice (Impressum) with the operator's name, address and contact for any such site.
legal-explain-privacy = The privacy notice (Art. 13 GDPR) tells members what is stored, why and for how long.
legal-explain-terms = Once there are terms of use, everyone who signs up is asked to accept them.
language-name-de = German
language-name-en = English
signup-accept-terms = I accept the
error-terms_not_accepted = Please accept the terms of use to sign up.
admin-legal = Legal pages
admin-legal-explain = Every page's footer and every e-mail link to these pages. Write each in German and English; where one language is missing, readers get the other.
admin-legal-missing = A site in Germany needs a legal notice (Impressum) and a privacy notice. Missing:
admin-legal-edit = Edit
admin-legal-not-set = not written
admin-legal-saved = The page has been saved.
field-site_lang = Language for visitors and invitations
site-lang-hint = Visitors whose browser asks for neither German nor English see this language; invitations go out in it unless you choose another.
mention-suggestions = Contacts to mention
comment-delete = Delete
comment-delete-confirm-title = Delete this comment?
comment-delete-confirm-body = The comment goes for good, and with it the replies to it.
