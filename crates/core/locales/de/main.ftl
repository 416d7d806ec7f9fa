# Kontor — Deutsch
test-plural = { $count ->
    [one] vor { $count } Stunde
   *[other] vor { $count } Stunden
}

## Rahmen
skip-to-content = Zum Inhalt springen
demo-banner = Demo-Installation: Alle Mitglieder und Daten sind erfunden. Melden Sie sich als beliebiges Demo-Mitglied mit dem Passwort „kontor-demo“ an.
nav-main = Hauptnavigation
nav-home = Start
nav-profile = Profil
nav-settings = Einstellungen
nav-admin = Verwaltung
login = Anmelden
logout = Abmelden
signup = Registrieren
language = Sprache
language-switch = Sprache wechseln
footer-free-software = Kontor ist freie Software unter der GNU AGPL.
save = Speichern

## Startseite
landing-title = Ihr berufliches Netzwerk
landing-heading = Willkommen bei { $site }
landing-lead = Pflegen Sie Ihre Geschäftskontakte, sehen Sie, wie Sie jemanden kennen, und entscheiden Sie selbst, wer was über Sie erfährt.
landing-what = Was Sie erwartet
landing-point-contacts = Bestätigte Kontakte und die Wege, die Sie mit jedem im Netzwerk verbinden.
landing-point-privacy = Jedes Feld Ihres Profils hat seine eigene Sichtbarkeit – von „nur ich“ bis „öffentlich“.
landing-point-own = Betrieben von Ihrer eigenen Organisation, nicht von einem Werbekonzern.

## Registrierung und Anmeldung
signup-title = Konto anlegen
signup-closed = Die Registrierung ist nur auf Einladung möglich. Bitten Sie ein Mitglied oder den Betreiber um eine Einladung.
signup-approval-note = Neue Mitglieder werden von einer Administratorin oder einem Administrator freigeschaltet, nachdem sie ihre E-Mail-Adresse bestätigt haben.
signup-have-account = Schon Mitglied?
signup-done-title = Bitte sehen Sie in Ihr Postfach
signup-done-body = Wir haben Ihnen einen Link geschickt. Öffnen Sie ihn, um Ihre Adresse zu bestätigen und die Registrierung abzuschließen. Der Link ist 48 Stunden gültig.
password-hint = Mindestens 10 Zeichen, kein gängiges Passwort, nicht Ihr Name. Ein Satz, den Sie sich merken können, eignet sich gut.
verify-title = E-Mail-Adresse bestätigen
verify-body = Klicken Sie auf die Schaltfläche, um diese E-Mail-Adresse für Ihr Konto zu bestätigen.
verify-button = Adresse bestätigen
verify-choose-title = Adresse bestätigen und Passwort wählen
verify-choose-intro = Sie haben diesen Link in einem anderen Browser geöffnet als dem, in dem Sie sich registriert haben. Damit sicher ist, dass das Konto Ihres ist, wählen Sie jetzt sein Passwort.
verify-choose-save = Bestätigen und Passwort speichern
verify-done-title = Adresse bestätigt
verify-done-body = Danke. Ihr Konto ist bereit – melden Sie sich an und füllen Sie Ihr Profil aus.
verify-done-approval = Danke. Ihre Registrierung wird nun geprüft; Sie erhalten eine E-Mail, sobald Sie sich anmelden können.
login-title = Anmelden
login-no-account = Neu hier?
reset-forgot = Passwort vergessen?
reset-title = Passwort zurücksetzen
reset-intro = Geben Sie die E-Mail-Adresse Ihres Kontos ein. Gehört sie zu einem Konto, schicken wir einen Link, mit dem Sie ein neues Passwort setzen.
reset-send = Link senden
reset-sent-title = Bitte sehen Sie in Ihr Postfach
reset-sent-body = Gehört die Adresse zu einem Konto, ist ein Link zum Setzen eines neuen Passworts unterwegs. Er ist eine Stunde gültig.
reset-new-title = Neues Passwort wählen
reset-save = Neues Passwort speichern
reset-done = Ihr Passwort wurde geändert, alle Sitzungen wurden beendet. Melden Sie sich mit dem neuen Passwort an.

## Start
home-welcome = Willkommen, { $name }
home-completeness = Profil zu { $count } % vollständig
home-empty = Ihr Netzwerk beginnt mit einem guten Profil: Wer Sie findet, soll sehen, was Sie tun und was Sie bieten.
home-complete-profile = Profil vervollständigen
home-privacy-title = Sie entscheiden, wer was sieht
home-privacy-body = Jeder Teil Ihres Profils hat seine eigene Sichtbarkeit. Nichts ist öffentlich, wenn Sie es nicht wählen; private Kontaktdaten sehen nur Sie.
home-privacy-action = Sichtbarkeit prüfen

## Profil
profile-edit = Profil bearbeiten
profile-view-as = Mein Profil so sehen, wie andere es sehen
profile-saved = Ihr Profil wurde gespeichert.
profile-see = Profil ansehen
profile-today = heute
profile-section-basics = Das Wichtigste
profile-section-haves-wants = Ich biete, ich suche
profile-contact-data = Kontaktdaten
profile-business-contact = Geschäftlich
profile-private-contact = Privat
profile-visibility-hint = Neben jedem Feld wählen Sie, wer es sieht.
profile-preview-note = So sieht Ihr Profil aus für: { $audience }.
profile-preview-leave = Zurück zu Ihrem Profil
profile-preview-hidden = Für diesen Personenkreis ist Ihr Profil gar nicht sichtbar.
hint-headline = Eine Zeile, die sagt, was Sie tun, z. B. „Steuerberaterin für Gründer in Leipzig“.
hint-tags = Einträge durch Kommas trennen.
view-as-public = Öffentlichkeit
view-as-member = Ein Mitglied
view-as-contact = Ein Kontakt
view-as-contact_of_contact = Ein Kontakt eines Kontakts
visibility-who-sees = Wer sieht das
visibility-only_me = Nur ich
visibility-contacts = Kontakte
visibility-contacts_of_contacts = Kontakte von Kontakten
visibility-members = Alle Mitglieder
visibility-public = Öffentlich

## Felder
field-name = Name
field-email = E-Mail-Adresse
field-password = Passwort
field-new-password = Neues Passwort
field-new_password = Neues Passwort
field-current_password = Aktuelles Passwort
field-photo = Foto
field-headline = Überschrift
field-position = Position
field-company = Unternehmen
field-city = Ort
field-region = Region
field-country = Land
field-industry = Branche
field-about = Über mich
field-work_history = Berufserfahrung
field-education = Ausbildung
field-title = Berufsbezeichnung
field-school = Schule oder Hochschule
field-degree = Abschluss
field-from-year = Von (Jahr)
field-to-year = Bis (Jahr)
field-languages = Sprachen
field-links = Web-Links
field-haves = Ich biete
field-wants = Ich suche
field-interests = Interessen
field-organisations = Organisationen
field-business_email = E-Mail geschäftlich
field-business_phone = Telefon geschäftlich
field-private_email = E-Mail privat
field-private_phone = Telefon privat
field-private_address = Anschrift privat
field-location = Ort
field-business_contact = Geschäftliche Kontaktdaten
field-private_contact = Private Kontaktdaten
field-birthday = Geburtstag
field-form = Formular
field-body = Anfrage
field-lang = Sprache

## Einstellungen
settings-security = Anmeldung und Sicherheit
settings-confirm-explain = Um Ihre Adresse, Ihr Passwort, die Zwei-Faktor-Anmeldung oder Zugriffstoken zu ändern oder Ihr Konto zu löschen, bestätigen Sie zuerst Ihr Passwort. Die Bestätigung gilt 10 Minuten.
settings-confirm = Bestätigen
settings-confirm-first = Bestätigen Sie dafür Ihr Passwort unter „Anmeldung und Sicherheit“.
settings-confirm-first-sessions = Um Sitzungen zu beenden, bestätigen Sie zuerst Ihr Passwort unter „Anmeldung und Sicherheit“.
settings-confirmed = Bestätigt
settings-confirmed-until = Sie können Anmeldeeinstellungen bis { $time } ändern.
settings-ended = Zu Ihrer Sicherheit überall sonst abgemeldet:
settings-ended-token = Zugriffstoken „{ $name }“ (widerrufen)
settings-token-scopes = Berechtigungen
scope-read = Lesen
scope-read-explain = (was Sie sehen dürfen)
scope-write = Schreiben
scope-write-explain = (posten, vernetzen, Profil bearbeiten; nie Passwort oder Token)
twofactor-off-code = Code aus Ihrer App oder ein Wiederherstellungscode
settings-account = Konto
settings-password = Passwort
settings-password-change = Passwort ändern
settings-password-changed = Ihr Passwort wurde geändert. Alle anderen Sitzungen wurden beendet.
settings-sessions = Wo Sie angemeldet sind
settings-session-device = Gerät
settings-session-seen = Zuletzt aktiv
settings-session-end = Sitzung beenden
settings-session-this = dieses Gerät
settings-logout-everywhere = Überall abmelden

## Fehler
form-has-errors = Bitte korrigieren Sie Folgendes:
error-back-home = Zur Startseite
error-title-400 = Dieser Link funktioniert nicht
error-title-401 = Bitte melden Sie sich an
error-title-403 = Nicht erlaubt
error-title-404 = Nicht gefunden
error-title-409 = Konflikt
error-title-413 = Zu groß
error-title-422 = Bitte prüfen Sie Ihre Eingaben
error-title-429 = Zu viele Versuche
error-title-500 = Etwas ist schiefgegangen
error-title-503 = Gerade ausgelastet
error-validation_failed = Einige Eingaben sind nicht gültig.
error-not_found = Diese Seite gibt es nicht, oder Sie dürfen sie nicht sehen.
error-unauthenticated = Bitte melden Sie sich zuerst an.
error-forbidden = Das dürfen Sie nicht.
error-invalid_credentials = E-Mail-Adresse oder Passwort ist falsch.
error-email_not_verified = Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse: Öffnen Sie den Link, den wir Ihnen geschickt haben.
error-awaiting_approval = Ihre Registrierung wartet auf die Freischaltung.
error-account_suspended = Dieses Konto ist gesperrt. Wenden Sie sich an den Betreiber dieses Netzwerks.
error-invalid_token = Dieser Link ist ungültig, wurde schon benutzt oder ist abgelaufen. Fordern Sie einen neuen an.
error-signup_closed = Die Registrierung ist nur auf Einladung möglich.
error-session_required = Zugriffstoken können Anmeldeeinstellungen, Sitzungen und Token nicht verwalten. Melden Sie sich dafür an.
error-reauthentication_required = Bitte bestätigen Sie zu Ihrer Sicherheit zuerst Ihr Passwort.
error-insufficient_scope = Dieses Zugriffstoken darf das nicht; seine Berechtigungen decken es nicht ab.
error-rate_limited = Zu viele Versuche. Bitte warten Sie einige Minuten und versuchen Sie es erneut.
error-rate_limited-wait = Zu viele Versuche. Bitte versuchen Sie es in { $count ->
        [one] einer Minute
       *[other] { $count } Minuten
    } erneut.
error-conflict = Das steht im Widerspruch zu vorhandenen Daten.
error-email_taken = Diese E-Mail-Adresse wird schon verwendet.
error-csrf_failed = Ihr Formular ist abgelaufen. Laden Sie die Seite neu und senden Sie es noch einmal.
error-busy = Der Server ist ausgelastet. Bitte versuchen Sie es gleich noch einmal.
error-storage_full = Nichts wurde gespeichert: Der Speicher des Servers ist voll. Lesen geht weiter; bitte versuchen Sie es später noch einmal. (Der Betreiber sieht es im Protokoll.)
error-internal = Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es später noch einmal.
error-required = Bitte füllen Sie dieses Feld aus.
error-email_invalid = Das ist keine gültige E-Mail-Adresse.
error-password_too_short = Das Passwort braucht mindestens 10 Zeichen.
error-password_guessable = Dieses Passwort wird bei Angriffen als eines der ersten ausprobiert (ein häufiges Passwort oder Wort, auch mit Ziffern davor oder danach). Einige Wörter, die nicht zusammengehören, ergeben ein starkes Passwort.
error-password_personal = Das Passwort besteht vor allem aus Ihrem Namen, Ihrer E-Mail-Adresse oder dem Namen der Plattform. Wählen Sie eines, das niemand aus Ihrem Profil erraten kann.
error-password_wrong = Das Passwort stimmt nicht.
error-too_long = Das ist zu lang.
error-too_many = Das sind zu viele Einträge.
error-too_large = Die Anfrage ist zu groß.
error-invalid_characters = Das enthält unzulässige Zeichen.
error-link_invalid = Links müssen mit http:// oder https:// beginnen.
error-phone_invalid = Das ist keine gültige Telefonnummer.
error-date_invalid = Das ist kein gültiges Datum.
error-entry_invalid = Jeder Eintrag braucht eine Bezeichnung oder eine Organisation, und die Jahre in der richtigen Reihenfolge.
error-form_invalid = Das Formular konnte nicht gelesen werden.
error-json_invalid = Der Inhalt der Anfrage ist kein gültiges JSON für diese Anfrage.
error-unknown_field = Der Inhalt der Anfrage hat ein Feld, das diese Anfrage nicht kennt; prüfen Sie die Schreibweise in der API-Dokumentation.
error-query_invalid = Ein Parameter der Anfrage fehlt oder hat einen Wert, den diese Anfrage nicht annimmt; siehe die API-Dokumentation.
error-invalid = Dieser Wert ist nicht gültig.

## E-Mail
mail-footer = Sie erhalten diese E-Mail von { $site }, weil diese Adresse dort angegeben wurde.
mail-verify-subject = Bestätigen Sie Ihre E-Mail-Adresse für { $site }
mail-verify-body = Hallo { $name },

    bitte bestätigen Sie Ihre E-Mail-Adresse, um die Registrierung bei { $site } abzuschließen. Der Link ist 48 Stunden gültig.

    Öffnen Sie den Link in einem anderen Browser oder auf einem anderen Gerät, wählen Sie dort Ihr Passwort. Wenn Sie sich nicht registriert haben, ignorieren Sie diese E-Mail.
mail-verify-action = E-Mail-Adresse bestätigen
mail-already-registered-subject = Ihr Konto bei { $site }
mail-already-registered-body = Hallo { $name },

    jemand wollte sich mit dieser E-Mail-Adresse bei { $site } registrieren, aber Sie haben dort schon ein Konto. An Ihrem Konto hat sich nichts geändert: Ihr Passwort ist dasselbe wie zuvor.

    Wenn Sie das waren und Ihr Passwort vergessen haben, können Sie auf der Seite unten einen Link für ein neues anfordern. Andernfalls ignorieren Sie diese E-Mail.
mail-already-registered-action = Passwort vergessen?
mail-signup-again-subject = Erneute Registrierung mit Ihrer Adresse bei { $site }
mail-signup-again-body = Hallo { $name },

    jemand hat sich mit dieser E-Mail-Adresse erneut bei { $site } registriert; das Konto ist noch nicht bestätigt. Es hat sich nichts geändert: Der Link aus unserer ersten E-Mail funktioniert weiterhin.

    Wenn Sie das waren, bestätigen Sie Ihre Adresse mit dem Link unten (48 Stunden gültig). Öffnen Sie ihn nicht in dem Browser, in dem Sie sich registriert haben, wählen Sie dabei Ihr Passwort. Wenn Sie es nicht waren, ignorieren Sie diese E-Mail: Ohne den Link darin kann niemand das Konto öffnen.
mail-signup-again-action = E-Mail-Adresse bestätigen
mail-reset-subject = Neues Passwort für { $site }
mail-reset-body = Hallo { $name },

    Sie möchten ein neues Passwort setzen. Der Link ist eine Stunde gültig und funktioniert einmal.

    Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail; Ihr Passwort bleibt unverändert.
mail-reset-action = Neues Passwort setzen

## Verwaltung
admin-site = Website
field-site_name = Name der Website
field-signup_mode = Wer beitreten darf
signup-mode-open = Jede und jeder darf sich registrieren
signup-mode-approval = Jede und jeder darf sich registrieren; neue Mitglieder werden freigeschaltet
signup-mode-invite_only = Nur auf Einladung
field-two_factor_required = Zwei-Faktor-Anmeldung
two-factor-rule-optional = Jedes Mitglied entscheidet selbst
two-factor-rule-admins = Pflicht für Administratoren
two-factor-rule-everyone = Pflicht für alle
two-factor-rule-hint = Wer darunter fällt und sie noch nicht eingerichtet hat, wird beim nächsten Seitenaufruf zur Einrichtung geschickt; die API antwortet bis dahin nur mit two_factor_required.
twofactor-required-notice = Diese Plattform verlangt für Ihr Konto die Zwei-Faktor-Anmeldung. Richten Sie sie ein, um weiterzumachen: Scannen Sie den Code mit einer Authenticator-App und bestätigen Sie mit einem Code daraus.
error-two_factor_required = Diese Plattform verlangt für Ihr Konto die Zwei-Faktor-Anmeldung. Richten Sie sie zuerst unter Einstellungen → Anmeldung und Sicherheit ein.
admin-sender-title = E-Mails haben noch keine Absenderadresse
admin-sender-explain = Kontor sendet von noreply@kontor.invalid, einer Adresse, für die kein Mailserver zustellt, weil weder die öffentliche Adresse noch die Mail-Einstellungen eine Domain nennen. Tragen Sie eine in kontor.toml ein und starten Sie neu:
admin-invite-lang = Sprache der Einladung
admin-members = Mitglieder
admin-filter = Mitglieder zeigen
admin-filter-all = Alle
admin-no-members = Hier sind keine Mitglieder.
admin-role-admin = Admin
admin-saved = Die Einstellungen wurden gespeichert.
admin-done = Erledigt.
admin-action-approve = Freischalten
admin-action-suspend = Sperren
admin-action-reinstate = Entsperren
admin-action-make_admin = Zum Admin machen
admin-action-revoke_admin = Admin-Rechte entziehen
admin-action-delete = Löschen
admin-action-end_sessions = Anmeldungen beenden
admin-sessions = Anmeldungen
admin-sessions-explain = Nach einem Einbruch oder wenn sich alle neu anmelden sollen: beendet auf einmal die Sitzungen und Zugriffstoken aller Mitglieder. Ihre eigene Sitzung hier bleibt. Die Anmeldungen eines einzelnen Mitglieds beenden Sie mit „Anmeldungen beenden“ in der Mitgliederliste.
admin-sessions-end = Alle Anmeldungen beenden
admin-sessions-ended = Die Sitzungen und Zugriffstoken aller Mitglieder sind beendet; Ihre Sitzung hier läuft weiter.
state-unverified = Nicht bestätigt
state-awaiting_approval = Wartet auf Freischaltung
state-active = Aktiv
state-suspended = Gesperrt
state-invited = Eingeladen
show-more = Mehr anzeigen
error-not_awaiting_approval = Dieses Mitglied wartet nicht auf Freischaltung.
error-not_suspended = Dieses Mitglied ist nicht gesperrt.
error-cannot_act_on_self = Das können Sie mit Ihrem eigenen Konto nicht tun.
error-last_admin = Der letzte Admin kann nicht zurücktreten; machen Sie zuerst jemand anderen zum Admin.

## Konto löschen
settings-delete = Mein Konto löschen
settings-delete-explain = Ihr Konto wird sofort geschlossen. 14 Tage lang können Sie es durch Anmelden wieder öffnen; danach werden Ihr Profil und alles andere von Ihnen endgültig gelöscht.
settings-delete-button = Mein Konto löschen
delete-scheduled-title = Ihr Konto ist geschlossen
delete-scheduled-body = Sie wurden abgemeldet. Wenn Sie es sich anders überlegen, melden Sie sich innerhalb von 14 Tagen an, um Ihr Konto wieder zu öffnen; danach wird alles von Ihnen gelöscht.
mail-approved-subject = Willkommen bei { $site }
mail-approved-body = Hallo { $name },

    Ihre Mitgliedschaft bei { $site } wurde freigeschaltet. Sie können sich jetzt anmelden.
mail-approved-action = Anmelden
mail-deletion-subject = Ihr Konto bei { $site } wird gelöscht
mail-deletion-body = Hallo { $name },

    Sie haben Ihr Konto bei { $site } geschlossen. In 14 Tagen wird es endgültig gelöscht, mit Ihrem Profil und allem anderen von Ihnen.

    Wenn Sie es sich anders überlegen, melden Sie sich einfach vorher an, und Ihr Konto ist wieder offen.
mail-deletion-action = Anmelden und Konto behalten

## Foto
profile-photo-current = Ihr aktuelles Foto
profile-photo-choose = Foto auswählen
profile-photo-upload = Foto hochladen
profile-photo-remove = Foto entfernen
hint-photo = JPEG, PNG oder WebP, höchstens 8 MB. Es wird quadratisch zugeschnitten; Ortsangaben und andere Metadaten werden entfernt.
error-image_too_large = Dieses Bild ist zu groß (höchstens 8 MB).
error-image_too_many_pixels = Dieses Bild hat zu viele Pixel für ein Profilfoto. Bitte wählen Sie eine kleinere Fassung.
error-images_busy = Gerade werden viele Fotos verarbeitet. Bitte versuchen Sie es in ein paar Sekunden erneut.
error-image_unsupported = Bitte wählen Sie ein JPEG-, PNG- oder WebP-Bild.
error-image_unreadable = Dieses Bild konnte nicht gelesen werden; es ist vielleicht beschädigt.

## Zwei-Faktor-Anmeldung
twofactor-title = Zwei-Faktor-Anmeldung
twofactor-on = An
twofactor-on-explain = Zum Anmelden brauchen Sie außer dem Passwort einen Code aus Ihrer Authenticator-App (oder einen Wiederherstellungscode).
twofactor-off-explain = Schützen Sie Ihr Konto mit einem zweiten Schritt: einem Code aus einer Authenticator-App auf Ihrem Telefon.
twofactor-turn-on = Zwei-Faktor-Anmeldung einschalten
twofactor-turn-off = Zwei-Faktor-Anmeldung ausschalten
twofactor-login-title = Code eingeben
twofactor-login-intro = Öffnen Sie Ihre Authenticator-App und geben Sie den sechsstelligen Code für dieses Konto ein.
twofactor-login-hint = Telefon verloren? Geben Sie stattdessen einen Ihrer Wiederherstellungscodes ein.
field-scopes = Was es darf
field-reauth = Passwort bestätigen
field-code = Code
twofactor-setup-title = Zwei-Faktor-Anmeldung einrichten
twofactor-setup-scan = Scannen Sie diesen Code mit Ihrer Authenticator-App (zum Beispiel FreeOTP, Aegis oder Google Authenticator).
twofactor-setup-qr-alt = QR-Code für Ihre Authenticator-App
twofactor-setup-manual = Oder geben Sie diesen Schlüssel von Hand ein:
twofactor-setup-code = Der sechsstellige Code aus Ihrer App
twofactor-setup-confirm = Einschalten
twofactor-codes-title = Ihre Wiederherstellungscodes
twofactor-codes-intro = Die Zwei-Faktor-Anmeldung ist eingeschaltet. Bewahren Sie diese Codes sicher auf: Mit jedem können Sie sich einmal anmelden, falls Sie Ihr Telefon verlieren. Sie werden nur jetzt angezeigt.
twofactor-codes-done = Ich habe sie gesichert
error-code_wrong = Dieser Code stimmt nicht oder wurde schon benutzt.
error-two_factor_already_on = Die Zwei-Faktor-Anmeldung ist schon eingeschaltet.
error-second_factor_required = Dieses Konto braucht einen Code aus der Authenticator-App (Feld „otp“).

## E-Mail-Änderung und Zugangstoken
field-new_email = Neue E-Mail-Adresse
settings-email-change = E-Mail-Adresse ändern
settings-email-sent = Wir haben einen Link an die neue Adresse geschickt. Ihre Adresse ändert sich, sobald Sie ihn öffnen.
email-confirm-title = Neue E-Mail-Adresse bestätigen
email-confirm-body = Klicken Sie auf die Schaltfläche, um diese Adresse ab jetzt für Ihr Konto zu verwenden.
email-confirm-button = Diese Adresse verwenden
email-changed-title = E-Mail-Adresse geändert
email-changed-body = Ihr Konto verwendet jetzt die neue Adresse.
error-email_unchanged = Das ist bereits Ihre Adresse.
mail-email-change-subject = Bestätigen Sie Ihre neue E-Mail-Adresse für { $site }
mail-email-change-body = Hallo { $name },

    bitte bestätigen Sie, dass { $site } ab jetzt diese Adresse für Ihr Konto verwenden soll. Der Link ist 48 Stunden gültig.

    Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail.
mail-email-change-action = Neue Adresse bestätigen
mail-email-changed-subject = Ihre E-Mail-Adresse bei { $site } wurde geändert
mail-email-changed-body = Hallo { $name },

    die E-Mail-Adresse Ihres Kontos bei { $site } wurde soeben geändert; diese Adresse wird nicht mehr verwendet.

    Wenn Sie das nicht waren, setzen Sie sofort Ihr Passwort zurück und wenden Sie sich an den Betreiber.
mail-email-changed-action = Passwort zurücksetzen
settings-tokens = Zugangstoken für die API
settings-tokens-explain = Skripte und Apps handeln mit einem Zugangstoken über die API in Ihrem Namen. Behandeln Sie ein Token wie ein Passwort und widerrufen Sie es, wenn Sie es nicht mehr brauchen.
field-token_name = Name
settings-token-placeholder = z. B. „CRM-Abgleich“
settings-token-create = Token erstellen
settings-token-created = Ihr neues Token (kopieren Sie es jetzt, es wird nur einmal angezeigt):
settings-token-used = Zuletzt benutzt
settings-token-never = nie
settings-token-revoke = Widerrufen
landing-members = { $count ->
    [one] Ein Mitglied
   *[other] { $count } Mitglieder
} schon dabei

## Einträge
admin-entities = Organisationen, Orte, Branchen und Schlagwörter
admin-entities-explain = Mitglieder schreiben dasselbe manchmal verschieden. Führen Sie eine Schreibweise mit der zusammen, die bleiben soll: Wer mit der ersten verbunden ist, ist danach mit der zweiten verbunden.
field-kind = Art
entity-organisation = Organisation
entity-place = Ort
entity-industry = Branche
entity-tag = Schlagwort
field-merge_from = Diese Schreibweise
field-merge_into = zusammenführen mit
admin-entities-merge = Zusammenführen
error-entity_unknown = Diesen Eintrag gibt es nicht; prüfen Sie die Schreibweise.
profile-view-as-label = Mein Profil ansehen als:

## Einladungen
admin-invite = Jemanden einladen
admin-invite-send = Einladung senden
admin-invited = Die Einladung ist unterwegs.
admin-action-invite = Einladung senden
error-already_member = Diese Person ist schon Mitglied.
invite-title = Willkommen! Wählen Sie Ihr Passwort
invite-intro = Sie wurden eingeladen. Wählen Sie ein Passwort, um Ihr Konto zu öffnen.
invite-save = Mein Konto öffnen
invite-done = Ihr Konto ist offen. Melden Sie sich mit Ihrer E-Mail-Adresse und dem neuen Passwort an.
mail-invitation-subject = Einladung zu { $site }
mail-invitation-body = Hallo { $name },

    Sie sind eingeladen, { $site } beizutreten, unserem beruflichen Netzwerk. Wählen Sie mit dem Link unten ein Passwort, um Ihr Konto zu öffnen; der Link ist 14 Tage gültig.
mail-invitation-action = Einladung annehmen

mail-contact-request-subject = { $from } möchte sich auf { $site } mit Ihnen vernetzen
mail-contact-request-body = Hallo { $name },

    { $from } möchte Sie auf { $site } als Kontakt hinzufügen. Sie können annehmen oder ablehnen; { $from } erfährt nicht, wenn Sie ablehnen.
mail-contact-request-action = Anfrage ansehen

## Zurückgestellte Aufträge
admin-jobs = Fehlgeschlagene Hintergrundaufträge
admin-jobs-none = Kein Hintergrundauftrag ist endgültig fehlgeschlagen.
admin-jobs-explain = Diese Aufträge sind wiederholt fehlgeschlagen und wurden zurückgestellt. Beheben Sie die Ursache (bei E-Mails: die Einstellungen des Mailservers) und versuchen Sie es dann erneut.
admin-job-kind = Auftrag
admin-job-since = Seit
admin-job-error = Letzter Fehler
admin-job-retry = Erneut versuchen
settings-privacy = Privatsphäre
settings-privacy-explain = Jeder Teil Ihres Profils hat seine eigene Sichtbarkeit, die Sie beim Bearbeiten direkt daneben einstellen. Nichts ist öffentlich, wenn Sie es nicht wählen.
settings-privacy-edit = Festlegen, wer was sieht

## Kontakte und Netzwerk
nav-network = Netzwerk
requests-waiting = { $count ->
    [one] Eine Kontaktanfrage wartet auf Ihre Antwort.
   *[other] { $count } Kontaktanfragen warten auf Ihre Antwort.
}
requests-answer = Beantworten
people-search-label = Personen nach Name, Kenntnissen, Firma oder Ort suchen
people-search-placeholder = Personen suchen
degree-1 = 1. Grad
degree-2 = 2. Grad
degree-3 = 3. Grad
degree-4 = 4. Grad
home-degree-1 = { $count ->
    [one] direkter Kontakt
   *[other] direkte Kontakte
}
home-degree-2 = { $count ->
    [one] Kontakt 2. Grades
   *[other] Kontakte 2. Grades
}
home-degree-3 = { $count ->
    [one] Kontakt 3. Grades
   *[other] Kontakte 3. Grades
}
degree-long-1 = Direkter Kontakt (1. Grad)
degree-long-2 = Kontakt 2. Grades
degree-long-3 = Kontakt 3. Grades
degree-long-4 = Kontakt 4. Grades
network-path = Kontaktpfad
network-how-connected = So kennen Sie sich
shared-contacts-count = { $count ->
    [one] Ein gemeinsamer Kontakt
   *[other] { $count } gemeinsame Kontakte
}
contacts-title = Kontakte
contacts-search = Name
contacts-tag = Schlagwort
contacts-tag-all = Alle Schlagworte
contacts-sort = Sortieren nach
contacts-sort-name = Name
contacts-sort-recent = Neueste zuerst
contacts-filter = Anzeigen
contacts-empty = Sie haben noch keine Kontakte. Finden Sie Kolleginnen, Geschäftspartner und Menschen, die Sie getroffen haben, und senden Sie ihnen eine Anfrage.
contacts-find = Personen finden
contacts-none-found = Kein Kontakt passt.
contacts-since = Kontakt seit { $date }
contacts-vcard = vCard
contacts-vcard-all = Alle Kontakte als vCard exportieren (für Telefon oder Mailprogramm)
how-colleagues = Kollegen
how-former_colleagues = Ehemalige Kollegen
how-business_partners = Geschäftspartner
how-studied_together = Zusammen studiert
how-met_at_event = Auf einer Veranstaltung kennengelernt
how-same_association = Gleicher Verband oder Verein
how-friends = Befreundet
how-other = Sonstiges
requests-title = Anfragen
requests-received = Anfragen an Sie
requests-received-none = Keine Anfragen warten auf Sie.
requests-sent = Ihre gesendeten Anfragen
requests-sent-none = Sie haben keine offenen Anfragen.
requests-decline-hint = Wenn Sie ablehnen, erfährt der Absender es nicht.
requests-accepted = Sie sind jetzt Kontakte.
requests-declined = Die Anfrage ist abgelehnt. Der Absender erfährt es nicht.
requests-withdrawn = Ihre Anfrage ist zurückgezogen.
request-accept = Annehmen
request-announce = Meinen Kontakten von diesem neuen Kontakt erzählen
request-decline = Ablehnen
request-withdraw = Zurückziehen
people-title = Personen finden
people-search = Suchen
people-none-found = Niemand gefunden. Versuchen Sie einen Namen, eine Kenntnis, eine Firma oder einen Ort.
people-view = Profil ansehen
posts-search-title = Beiträge
posts-search-label = Beiträge nach ihren Worten suchen
posts-none-found = Kein Beitrag, den Sie lesen dürfen, enthält diese Worte.
posts-found = { $count ->
    [one] Ein Beitrag gefunden
   *[other] { $count } Beiträge gefunden
}
posts-found-at-least = { $count ->
    [one] Mindestens ein Beitrag gefunden
   *[other] Mehr als { $count } Beiträge gefunden
}
search-kinds = Was suchen
people-public-only = Sie sehen Mitglieder mit öffentlichem Profil und nur, was diese öffentlich zeigen. Melden Sie sich an, um mehr zu finden.
field-public_search = Besucher dürfen nach Personen suchen
public-search-hint = Nicht angemeldete Besucher finden nur Mitglieder mit öffentlichem Profil, nur über öffentliche Felder, und höchstens 30 Suchen je Adresse in 5 Minuten.
people-sort-relevance = Beste Treffer
people-sort-name = Nach Name
people-refine = Eingrenzen
people-facet-degree = Grad
people-filters-set = Gesetzte Filter
people-filter-remove = diesen Filter entfernen
searches-title = Gespeicherte Suchen
searches-intro = Kontor führt diese Suchen alle paar Minuten für Sie aus und sagt Ihnen Bescheid, wenn jemand Neues dazukommt – in Kontor und per E-Mail, wie Sie es wählen.
searches-mail-settings = E-Mail-Einstellungen
searches-none = Noch keine gespeicherten Suchen. Suchen Sie nach Personen und speichern Sie die Suche, um von neuen Treffern zu hören.
searches-alerts-on = Meldet neue Personen
searches-alerts-off = Benachrichtigung aus
searches-alerts-stop = Nicht mehr benachrichtigen
searches-alerts-start = Benachrichtigen
searches-delete = Löschen
searches-save = Suche speichern
searches-save-why = und erfahren, wenn jemand Neues passt
searches-saved = Suche gespeichert. Sie erfahren von neuen Personen, die passen.
searches-deleted = Suche gelöscht.
people-suggested = Personen, die zur Eingabe passen
people-found = { $count ->
    [one] Eine Person gefunden
   *[other] { $count } Personen gefunden
}
people-found-at-least = { $count ->
    [one] Mindestens eine Person gefunden
   *[other] Mehr als { $count } Personen gefunden
}
people-found-in = Gefunden in:
people-similar = Ähnliche Schreibweise in:
people-pages = Weitere Ergebnisse
people-previous = Zurück
people-next = Weiter
error-too_many_words = Bitte höchstens acht Wörter verwenden.
suggestions-title = Personen, die Sie kennen könnten
offers-title = Wer bietet, was Sie suchen
offers-tags = Bietet { $tags }
offers-none = Noch bietet niemand, was Sie suchen. Sobald jemand es anbietet, sehen Sie es hier.
offers-add-wants = Tragen Sie in Ihr Profil ein, was Sie suchen – hier sehen Sie dann, wer es bietet.
offers-edit = Eintragen, was Sie suchen
offers-all = Alle, die bieten, was Sie suchen
seekers-title = Wer sucht, was Sie bieten
seekers-tags = Sucht { $tags }
seekers-none = Noch sucht niemand, was Sie bieten. Sobald jemand es sucht, sehen Sie es hier.
seekers-add-haves = Tragen Sie in Ihr Profil ein, was Sie bieten – hier sehen Sie dann, wer es sucht.
matches-title = Ich biete – ich suche
matches-which = Welche Richtung
matches-edit = Profil bearbeiten
suggestions-none = Gerade keine Vorschläge. Vervollständigen Sie Ihr Profil und knüpfen Sie Kontakte, dann erscheinen hier Personen, die Sie kennen könnten.
suggestion-same-company = gleiche Firma
suggestion-same-school = gleiche Hochschule
suggestion-same-city = gleicher Ort
suggestion-interests = { $count ->
    [one] ein gemeinsames Interesse
   *[other] { $count } gemeinsame Interessen
}
suggestion-dismiss = Nicht jetzt
suggestion-dismiss-who = { $name } nicht mehr vorschlagen
contact-add = Als Kontakt hinzufügen
contact-how = Woher kennen Sie sich?
contact-message = Persönliche Nachricht (freiwillig)
contact-message-hint = Bis zu 500 Zeichen. Nur der Empfänger liest sie.
contact-send-request = Anfrage senden
contact-is-contact = Kontakt
contact-request-pending = Anfrage gesendet
contact-more = Mehr
contact-remove = Kontakt entfernen
contact-remove-hint = Das andere Mitglied erfährt es nicht. Ihre Schlagworte, Ihre Notiz und alles, was Sie freigegeben haben, gehen mit dem Kontakt.
block = Blockieren
block-hint = Eine Blockierung beendet Ihren Kontakt und jede Anfrage und verbirgt Sie überall voreinander. Das andere Mitglied erfährt es nicht.
unblock = Blockierung aufheben
contact-ours = Ihr Kontakt
contact-tags = Ihre Schlagworte
contact-tags-hint = Schlagworte mit Kommas trennen. Nur Sie sehen sie.
contact-note = Ihre Notiz
contact-note-hint = Nur Sie sehen sie.
contact-grants = Diesem Kontakt zeigen
contact-grants-hint = Angaben, die Ihre Kontakte sonst nicht sehen; nur dieser Kontakt sieht sie dann.
contact-done-sent = Ihre Anfrage ist gesendet.
contact-done-connected = Sie sind jetzt Kontakte: Die Anfrage kam auch von der anderen Seite.
contact-done-removed = Der Kontakt ist entfernt.
contact-done-blocked = Das Mitglied ist blockiert.
contact-done-unblocked = Die Blockierung ist aufgehoben.
contact-done-saved = Gespeichert.
contact-limit-per-day = Sie haben heute so viele Kontaktanfragen gesendet, wie dieses Netzwerk erlaubt. Bitte versuchen Sie es morgen wieder.
error-already_contacts = Sie sind bereits Kontakte.
error-request_pending = Zwischen Ihnen ist schon eine Anfrage offen.
error-too_many_open_requests = Sie haben zu viele offene Anfragen. Ziehen Sie einige zurück oder warten Sie auf Antworten.
error-invalid_choice = Bitte wählen Sie eine der Möglichkeiten.
error-invalid_tag = Ein Schlagwort hat höchstens 40 Zeichen und keine Kommas.
contact-settings-title = Kontakte und Privatsphäre
contact-settings-saved = Ihre Kontakteinstellungen sind gespeichert.
contact-list-visibility = Wer Ihre Kontaktliste sehen darf
contact-list-visibility-hint = Das entscheidet auch, wer sieht, wie er über Ihre Kontakte mit Ihnen verbunden ist.
list-visibility-only_me = Nur ich
list-visibility-contacts = Meine Kontakte
list-visibility-contacts_of_contacts = Kontakte meiner Kontakte
list-visibility-members = Alle Mitglieder
contact-request-mails = E-Mails zu Kontaktanfragen und anderen Neuigkeiten: Einstellungen der Benachrichtigungen
blocked-title = Blockierte Mitglieder
blocked-none = Sie haben niemanden blockiert.
blocked-hint = Blockierte Mitglieder sehen Sie nicht und können Ihnen keine Anfragen senden, und Sie sehen sie nicht.
home-network = Ihr Netzwerk
home-my-contacts = Meine Kontakte

## The ticker
post-write = Teilen Sie etwas mit Ihrem Netzwerk
post-placeholder = Woran arbeiten Sie gerade?
post-audience = Wer darf es sehen
post-send = Veröffentlichen
post-edited = bearbeitet
post-like = Gefällt mir
post-unlike = Gefällt mir nicht mehr
post-author-unnamed = Ein Mitglied von { $site }
post-audience-name-hint = Ihr Name ist nur für Mitglieder sichtbar: Wer nicht angemeldet ist, liest Ihre öffentlichen Beiträge als von „einem Mitglied von { $site }“.
post-audience-name-change = Ändern, wer Ihren Namen sieht
post-likes = { $count ->
    [one] 1 Mal gefällt es
   *[other] { $count } Mal gefällt es
}
post-comments = { $count ->
    [one] 1 Kommentar
   *[other] { $count } Kommentare
}
post-share = Teilen
post-edit = Bearbeiten
post-text = Text
post-delete-confirm-title = Diesen Beitrag löschen?
post-delete-confirm-body = Der Beitrag verschwindet endgültig, mit allen Kommentaren, Likes und geteilten Fassungen.
contact-remove-confirm-title = Diesen Kontakt entfernen?
contact-remove-confirm-body = Das andere Mitglied erfährt es nicht. Ihre Stichwörter, Ihre Notiz und alles, was Sie freigegeben haben, gehen mit dem Kontakt; um wieder Kontakte zu sein, fragt einer von Ihnen neu an.
contact-block-confirm-title = Dieses Mitglied blockieren?
contact-block-confirm-body = Ihr Kontakt und offene Anfragen zwischen Ihnen enden, und keiner von Ihnen sieht den anderen irgendwo. Sie können die Blockierung in Ihren Kontakteinstellungen aufheben.
post-delete = Beitrag löschen
post-report = Beitrag melden
post-title = Beitrag von { $name }
report-reason = Was stimmt damit nicht?
share-note = Ihre Anmerkung (freiwillig)
share-hint = Geteilt reicht ein Beitrag nie weiter als der Beitrag selbst.
comment-write = Kommentar schreiben
comment-send = Senden
comment-reply = Antworten
audience-contacts = Meine Kontakte
audience-contacts_of_contacts = Kontakte meiner Kontakte
audience-members = Alle Mitglieder
audience-public = Öffentlich
reach-nobody = Niemand
reach-contacts = Meine Kontakte
reach-members = Alle Mitglieder
ticker-filter = Zeigen
ticker-filter-all = Alles
ticker-filter-posts = Beiträge
ticker-filter-conversations = Kommentare und Likes
ticker-filter-contacts = Neue Kontakte
ticker-filter-profiles = Profiländerungen
ticker-did-share = hat einen Beitrag geteilt
ticker-did-comment = hat einen Beitrag kommentiert
ticker-did-like = gefällt ein Beitrag
ticker-did-contact = ist jetzt verbunden mit
ticker-did-profile = hat das Profil aktualisiert
ticker-did-post = hat etwas geschrieben
ticker-reacted-like = { $count ->
    [0] gefällt das
    [one] und einer weiteren Person gefällt das
   *[other] und { $count } weiteren Personen gefällt das
}
ticker-reacted-comment = { $count ->
    [0] hat kommentiert
    [one] und eine weitere Person haben kommentiert
   *[other] und { $count } weitere haben kommentiert
}
ticker-reacted-share = { $count ->
    [0] hat das geteilt
    [one] und eine weitere Person haben das geteilt
   *[other] und { $count } weitere haben das geteilt
}
ticker-new-position = Neue Position
ticker-new-headline = Neuer Status
ticker-new-photo = Neues Foto
ticker-why = Warum sehe ich das?
ticker-because-you = Weil Sie es getan haben.
ticker-because-contact = Weil Sie und { $name } Kontakte sind.
ticker-mute = Neuigkeiten von { $name } ausblenden
ticker-empty = Noch nichts Neues in Ihrem Netzwerk. Fügen Sie Kontakte hinzu, um zu sehen, was sie tun.
ticker-more = Ältere Neuigkeiten zeigen
ticker-birthdays = Heute Geburtstag
ticker-new = { $count ->
    [one] 1 neue Meldung — zeigen
   *[other] { $count } neue Meldungen — zeigen
}
ticker-settings-title = Ticker und Neuigkeiten
ticker-settings-intro = Sie entscheiden, was Ihr Netzwerk von Ihnen erfährt. Eine engere Wahl verbirgt auch, was schon gezeigt wurde; eine weitere gilt erst ab jetzt.
ticker-settings-contacts = Meine neuen Kontakte
ticker-settings-announce = Meinen Kontakten sagen, wenn ich einen neuen Kontakt habe
ticker-settings-announce-hint = Beim Annehmen einer Anfrage können Sie es für diesen einen Kontakt noch anders entscheiden.
ticker-settings-profile = Änderungen an meinem Profil (Position, Foto, Status)
ticker-settings-later-hint = Frühere Änderungen werden nie nachträglich gemeldet.
ticker-settings-birthday = Mein Geburtstag
ticker-settings-birthday-show = Meinen Kontakten meinen Geburtstag im Ticker zeigen (nur wenn sie ihn sehen dürfen)
ticker-muted = Ausgeblendete Mitglieder
ticker-muted-none = Sie haben niemanden ausgeblendet.
ticker-unmute = Wieder zeigen
saved = Gespeichert.

## Notifications
nav-notifications = Benachrichtigungen
notifications-unread = { $count ->
    [one] 1 ungelesene Benachrichtigung
   *[other] { $count } ungelesene Benachrichtigungen
}
notifications-title = Benachrichtigungen
notifications-none = Noch keine Benachrichtigungen. Wenn jemand Ihre Kontaktanfrage beantwortet, Ihren Beitrag kommentiert oder mag oder Sie erwähnt, finden Sie es hier.
notifications-new = neu
notifications-older = Ältere Benachrichtigungen
notifications-mark-read = Alle als gelesen markieren
notification-contact_request = möchte sich mit Ihnen vernetzen
notification-contact_accepted = hat Ihre Kontaktanfrage angenommen
notification-comment = hat Ihren Beitrag kommentiert
notification-reply = hat auf Ihren Kommentar geantwortet
notification-like = gefällt Ihr Beitrag
notification-mention = hat Sie erwähnt
notification-birthday = hat heute Geburtstag
notification-settings-title = Benachrichtigungen per E-Mail
notification-settings-intro = Für jede Art von Neuigkeit: keine E-Mail, sofort eine E-Mail oder einmal am Tag eine E-Mail mit allem Neuen. In Kontor sehen Sie immer alle.
notification-kind-contact_request = Kontaktanfragen
notification-kind-contact_accepted = Angenommene Kontaktanfragen
notification-kind-comment = Kommentare zu meinen Beiträgen
notification-kind-reply = Antworten auf meine Kommentare
notification-kind-like = „Gefällt mir“ für meine Beiträge
notification-kind-mention = Erwähnungen
notification-kind-birthday = Geburtstage meiner Kontakte
notification-search_match = ist neu unter den Personen, die eine Ihrer gespeicherten Suchen findet
notification-kind-search_match = Neue Personen für meine gespeicherten Suchen
mail-choice-off = Keine E-Mail
mail-choice-immediately = Sofort
mail-choice-digest = Tägliche Zusammenfassung
mail-unsubscribe = Diese E-Mails abbestellen
mail-notification-hello = Hallo { $name },
mail-notification-action = Öffnen
mail-notification-why = Sie erhalten diese E-Mail sofort, weil Ihre Einstellungen zu Benachrichtigungen es so vorsehen.
mail-digest-subject = Ihre Neuigkeiten bei { $site }: { $count ->
    [one] 1 Benachrichtigung
   *[other] { $count } Benachrichtigungen
}
mail-digest-body = Hallo { $name },

    das ist seit Ihrer letzten Zusammenfassung in Ihrem Netzwerk passiert.
mail-digest-why = Sie erhalten diese Zusammenfassung einmal am Tag, weil Ihre Einstellungen zu Benachrichtigungen es so vorsehen.
unsubscribe-title = Abbestellen
unsubscribe-what-digest = Die tägliche Zusammenfassung abbestellen: Für alle Benachrichtigungen, die sie bringt, kommt keine E-Mail mehr.
unsubscribe-what-contact_request = Keine E-Mails mehr zu Kontaktanfragen.
unsubscribe-what-contact_accepted = Keine E-Mails mehr zu angenommenen Kontaktanfragen.
unsubscribe-what-comment = Keine E-Mails mehr zu Kommentaren zu Ihren Beiträgen.
unsubscribe-what-reply = Keine E-Mails mehr zu Antworten auf Ihre Kommentare.
unsubscribe-what-like = Keine E-Mails mehr zu „Gefällt mir“ für Ihre Beiträge.
unsubscribe-what-mention = Keine E-Mails mehr zu Erwähnungen.
unsubscribe-what-birthday = Keine E-Mails mehr zu Geburtstagen Ihrer Kontakte.
unsubscribe-confirm = Abbestellen
unsubscribed-digest = Erledigt: Sie erhalten keine tägliche Zusammenfassung mehr.
unsubscribed-contact_request = Erledigt: keine E-Mails mehr zu Kontaktanfragen.
unsubscribed-contact_accepted = Erledigt: keine E-Mails mehr zu angenommenen Kontaktanfragen.
unsubscribed-comment = Erledigt: keine E-Mails mehr zu Kommentaren.
unsubscribed-reply = Erledigt: keine E-Mails mehr zu Antworten.
unsubscribed-like = Erledigt: keine E-Mails mehr zu „Gefällt mir“.
unsubscribed-mention = Erledigt: keine E-Mails mehr zu Erwähnungen.
unsubscribed-birthday = Erledigt: keine E-Mails mehr zu Geburtstagen.
unsubscribe-again = Sie können E-Mails jederzeit in Ihren Einstellungen zu Benachrichtigungen wieder einschalten.
admin-reports = Gemeldete Beiträge
admin-reports-none = Kein Beitrag wurde gemeldet.
admin-reports-count = { $count ->
    [one] 1 Meldung
   *[other] { $count } Meldungen
}
post-login-to-join = Anmelden, um zu kommentieren, „Gefällt mir“ zu sagen oder zu teilen

## Rechtliches
legal-imprint = Impressum
legal-privacy = Datenschutz
legal-terms = Nutzungsbedingungen
legal-nav = Rechtliches
legal-other-language = Diese Seite gibt es nur auf Englisch.
legal-updated = Zuletzt geändert am
legal-view = Seite ansehen
legal-markdown = Text (Markdown)
legal-markdown-hint = Überschriften mit #, Listen mit -, Links als [Text](https://…). Leer speichern entfernt die Seite.
legal-template-note = Dies ist eine Vorlage, erzeugt aus dem, was Kontor speichert und wie lange. Ergänzen Sie die Stellen in [eckigen Klammern] und was Ihre Installation hinzufügt (Mailanbieter, Hosting, Datensicherungen), und lassen Sie den Text prüfen, bevor Sie ihn speichern.
legal-explain-imprint = Nach § 5 DDG braucht eine solche Seite ein Impressum mit Name, Anschrift und Kontakt des Betreibers.
legal-explain-privacy = Die Datenschutzerklärung (Art. 13 DSGVO) sagt den Mitgliedern, was gespeichert wird, wozu und wie lange.
legal-explain-terms = Sobald es Nutzungsbedingungen gibt, wird jede Registrierung gebeten, sie anzunehmen.
language-name-de = Deutsch
language-name-en = Englisch
signup-accept-terms = Ich akzeptiere die
error-terms_not_accepted = Bitte akzeptieren Sie die Nutzungsbedingungen, um sich zu registrieren.
admin-legal = Rechtliche Seiten
admin-legal-explain = Die Fußzeile jeder Seite und jede E-Mail verlinken diese Seiten. Schreiben Sie jede auf Deutsch und Englisch; fehlt eine Sprache, erhalten Leser die andere.
admin-legal-missing = Eine Seite in Deutschland braucht ein Impressum und eine Datenschutzerklärung. Es fehlt:
admin-legal-edit = Bearbeiten
admin-legal-not-set = nicht geschrieben
admin-legal-saved = Die Seite wurde gespeichert.
field-site_lang = Sprache für Besucher und Einladungen
site-lang-hint = Besucher, deren Browser weder Deutsch noch Englisch wünscht, sehen diese Sprache; Einladungen gehen in ihr hinaus, wenn Sie keine andere wählen.
mention-suggestions = Kontakte zum Erwähnen
comment-delete = Löschen
comment-delete-confirm-title = Diesen Kommentar löschen?
comment-delete-confirm-body = Der Kommentar verschwindet endgültig, mit allen Antworten darauf.
