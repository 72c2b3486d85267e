"""Demo complaints written in German."""

COMPLAINTS = [
    {
        "key": "de-01",
        "author": "lena_m",
        "category": "orders-delivery",
        "title": "BW Tab 10 als „zugestellt“ markiert – Paket nie angekommen",
        "body": """Ich habe am 2. April ein BW Tab 10 (64 GB, grau) für 349 € bestellt. Laut Sendungsverfolgung wurde das Paket am 5. April um 11:42 Uhr „an den Empfänger übergeben“. Ich war an dem Tag im Homeoffice, es hat niemand geklingelt, kein Zettel im Briefkasten, bei den Nachbarn ist auch nichts abgegeben worden.

Was ich schon versucht habe:
- Hotline angerufen → ich soll „ein paar Tage abwarten“
- beim Paketdienst einen Nachforschungsauftrag gestellt → Antwort: Ansprechpartner ist der Versender
- auf der [Bestellseite](https://shop.brightwell.example/orders) steht nur „abgeschlossen“

Ich möchte entweder das Tablet oder mein Geld zurück. Es kann nicht mein Problem sein, wenn der Fahrer das Paket irgendwo abstellt.""",
        "desired_outcome": "replacement",
        "rating": 1,
        "review": "Paket verschwunden und jeder schiebt die Verantwortung weiter. Sehr ärgerlich.",
        "private_details": "Bestellung BW-2026-204518, Sendungsnummer 00340434161094123456, Tel. 0176 2345 6789",
        "days_ago": 14,
        "affected": ["jonas_w", "tom_baker"],
        "answers": [
            {
                "author": "jonas_w",
                "body": "Frag beim Paketdienst nach dem **GPS-Zustellnachweis**. Bei mir stand der Fahrer laut Koordinaten zwei Straßen weiter – damit hatte ich dann was in der Hand.",
                "hours_after": 4,
                "votes": {"lena_m": 1, "tom_baker": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "nina_support",
                "body": """Hallo Lena, vielen Dank für Ihre ausführliche Beschreibung – und es tut mir wirklich leid, dass Sie an der Hotline vertröstet wurden. Das Zustellrisiko liegt bei uns, nicht bei Ihnen.

So geht es weiter:
1. Ich habe heute beim Versanddienstleister eine Verlustmeldung für Ihre Sendung eröffnet.
2. Unabhängig vom Ergebnis schicken wir Ihnen **innerhalb von 7 Tagen** ein neues Tablet, diesmal mit Unterschrift bei Übergabe.

Ihre Bestellnummer habe ich in den privaten Angaben gefunden – bitte hier nicht öffentlich posten. Ich melde mich, sobald die Ersatzlieferung unterwegs ist.""",
                "hours_after": 22,
                "votes": {"lena_m": 1, "jonas_w": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "lena_m",
                "body": "Die 7 Tage sind seit gestern um. Bisher keine Versandbestätigung, keine Mail, nichts. Ich frage jetzt hier nach, weil die Hotline wieder nur von „in Bearbeitung“ spricht.",
                "hours_after": 200,
                "votes": {"jonas_w": 1},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "in_progress",
        "promised_in_days": 7,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "de-02",
        "author": "jonas_w",
        "category": "kitchen-appliances",
        "title": "Geschirrspüler CleanLine 60 zeigt ständig Fehler E24",
        "body": """Unser Brightwell CleanLine 60 (gekauft im Januar, also gerade mal 2 Monate alt) bricht seit letzter Woche fast jedes Programm mit **E24** ab. Das Wasser bleibt unten stehen, die Teller sind halb sauber.

Laut Handbuch heißt E24 „Abpumpen gestört“. Sieb habe ich rausgenommen und ausgespült, war kaum etwas drin. Gerät aus- und wieder eingeschaltet, Sicherung raus und rein – hilft jeweils für einen Spülgang, dann kommt der Fehler wieder.

Hat jemand das auch gehabt? Bevor ich einen Techniker bestelle und wieder einen halben Tag Urlaub nehme, würde ich gern wissen, ob man da selbst was machen kann.""",
        "desired_outcome": "repair",
        "rating": 2,
        "review": "Nach zwei Monaten schon defekt, das ist für ein neues Gerät enttäuschend.",
        "private_details": None,
        "days_ago": 47,
        "affected": ["lena_m", "erik_l", "zsofi_b"],
        "answers": [
            {
                "author": "lena_m",
                "body": """Hatten wir genau so. Bei uns war der **Ablaufschlauch hinter dem Gerät geknickt**, weil er beim Einbau zu weit nach hinten geschoben wurde. Gerät ein Stück rausziehen, Schlauch gerade legen, fertig.

Zweiter Kandidat: der Anschluss am Siphon. Wenn da noch der Verschlussstopfen drinsteckt oder er verkalkt ist, kommt das Wasser auch nicht weg.""",
                "hours_after": 3,
                "votes": {"jonas_w": 1, "erik_l": 1, "zsofi_b": 1},
                "official": False,
                "accepted": True,
            },
            {
                "author": "oskar_support",
                "body": """Hallo Jonas, danke für Ihren Beitrag und entschuldigen Sie den Ärger mit dem neuen Gerät. Der Tipp von Lena ist tatsächlich die häufigste Ursache für E24 – bitte prüfen Sie den Schlauch zuerst.

Falls der Fehler danach weiter auftritt, schicken wir kostenlos einen Techniker (Garantiefall). Dafür bräuchte ich Ihre Bestellnummer bitte **in den privaten Angaben**, nicht hier im Thread. Ich schaue übermorgen wieder rein.""",
                "hours_after": 9,
                "votes": {"jonas_w": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "jonas_w",
                "body": "Volltreffer, Lena! Der Schlauch war hinter dem Sockel komplett abgeknickt. Seit fünf Durchgängen kein E24 mehr. Danke euch beiden – ärgerlich bleibt nur, dass der Monteur von der Lieferung das so eingebaut hat.",
                "hours_after": 30,
                "votes": {"lena_m": 1},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "resolved",
        "promised_in_days": None,
        "resolution_confirmed": True,
        "revised_rating": {
            "rating": 4,
            "review": "Schnelle Hilfe hier im Forum und eine freundliche Antwort vom Support. Der Einbaufehler hätte aber nicht passieren dürfen.",
            "would_return": True,
        },
    },
    {
        "key": "de-03",
        "author": "lena_m",
        "category": "billing-payments",
        "title": "Rückerstattung für retournierte Mikrowelle nach über 3 Wochen immer noch nicht da",
        "body": """Ich habe die Mikrowelle Brightwell QuickHeat 25 innerhalb der Widerrufsfrist zurückgeschickt. Laut Sendungsverfolgung ist das Paket am 28. Februar bei euch im Lager angekommen. Seitdem: nichts.

Auf der Webseite steht „Erstattung innerhalb von 14 Tagen“. Heute ist Tag 23. Auf meine Mail vom 14. März kam nur eine automatische Eingangsbestätigung.

Es geht um 129,99 €. Bitte einfach überweisen oder mir sagen, woran es hängt.""",
        "desired_outcome": "refund",
        "rating": 2,
        "review": "Rücksendung lief problemlos, aber auf das Geld wartet man ewig.",
        "private_details": "Retoure R-88213 zu Bestellung BW-2026-190277, bezahlt mit PayPal",
        "days_ago": 5,
        "affected": ["jonas_w", "priya-n", "sara_j", "bence_t"],
        "answers": [
            {
                "author": "oskar_support",
                "body": """Hallo Lena, vielen Dank, dass Sie sich hier melden, und es tut mir leid, dass Sie so lange warten – 23 Tage sind deutlich mehr, als wir zusagen.

Ich habe die Retoure gefunden: Sie wurde im Lager eingescannt, aber die Prüfung wurde nicht abgeschlossen. Ich habe das heute an die Buchhaltung eskaliert. Die Erstattung auf Ihr PayPal-Konto sollte **spätestens in 10 Tagen** erfolgen, ich rechne aber mit früher. Ich gebe hier Bescheid, sobald sie angewiesen ist.""",
                "hours_after": 20,
                "votes": {"lena_m": 1, "priya-n": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "jonas_w",
                "body": "Tipp am Rande: Bei PayPal kann man nach 20 Tagen einen Konflikt eröffnen. Hat bei mir einmal Wunder gewirkt.",
                "hours_after": 26,
                "votes": {"lena_m": 1, "sara_j": -1},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "acknowledged",
        "promised_in_days": 10,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "de-04",
        "author": "jonas_w",
        "category": "smart-home",
        "title": "Smart Plug fliegt jede Nacht aus dem WLAN",
        "body": """Ich habe vier Brightwell Smart Plugs (Modell SP-2) an einem Home Hub. Drei laufen stabil, einer verabschiedet sich jede Nacht zwischen 2 und 4 Uhr aus dem WLAN und ist morgens in der App „offline“. Dran hängt ausgerechnet die Kaffeemaschine mit Zeitplan für 6:30 Uhr. Morgens also kein Kaffee. 🙃

Schon probiert: Plug zurückgesetzt, neu angelernt, Router-Kanal fest auf 6 gestellt, Plug näher an den Router gesteckt. Firmware ist laut App aktuell (1.4.7).

Ist das ein bekanntes Problem?""",
        "desired_outcome": "explanation",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 3,
        "affected": ["lena_m", "jamie_r", "erik_l", "wang_li", "luka_p"],
        "answers": [
            {
                "author": "lena_m",
                "body": "Läuft bei deinem Router nachts ein automatisches Update oder ein Kanalwechsel? Meine Fritzbox macht das um 3 Uhr – seitdem ich die **automatische Kanalwahl** und das nächtliche Update abgeschaltet habe, bleiben die Plugs drin.",
                "hours_after": 5,
                "votes": {"jonas_w": 1, "jamie_r": 1},
                "official": False,
                "accepted": True,
            },
            {
                "author": "jonas_w",
                "body": "Guter Punkt. Das Update war nachts auf 3:00 gestellt. Umgestellt, zwei Nächte stabil. Trotzdem komisch, dass sich die anderen drei Plugs davon nicht stören lassen. Wäre schön, wenn die Firmware sich einfach selbst wieder verbinden würde.",
                "hours_after": 52,
                "votes": {"lena_m": 1},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "open",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "de-05",
        "author": "lena_m",
        "category": "phones-tablets",
        "title": "Brightwell-App meldet mich alle paar Minuten ab",
        "body": """Seit dem App-Update letzte Woche (Version 5.2 auf Android 14) werde ich in der Brightwell-App ständig abgemeldet. Warenkorb füllen, zur Kasse – zack, wieder Login-Bildschirm. Der Warenkorb ist danach leer.

Cache geleert, App neu installiert, „angemeldet bleiben“ ist angehakt. Bringt alles nichts. Im Browser auf dem Laptop funktioniert es ganz normal.

Ist ja nett, dass ihr mir jedes Mal einen Bestätigungscode per SMS schickt, aber zwölf Stück am Tag sind dann doch etwas viel.""",
        "desired_outcome": "other",
        "rating": 2,
        "review": "Die App ist im Moment praktisch unbenutzbar.",
        "private_details": None,
        "days_ago": 21,
        "affected": ["jonas_w", "priya-n", "chen_yu"],
        "answers": [],
        "status": "open",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "de-06",
        "author": "jonas_w",
        "category": "stores-service",
        "title": "45 Minuten Warteschleife und dann in der Filiale abgewimmelt",
        "body": """Ich wollte eigentlich nur wissen, ob mein bestellter Staubsauger in der Filiale Köln-Ehrenfeld abholbereit ist. Die Hotline: 45 Minuten Warteschleife, dann wurde das Gespräch einfach getrennt.

Also bin ich hingefahren. Die Mitarbeiterin an der Abholtheke hat mich nicht einmal angeschaut, meinte nur „Das steht im System, wenn's da ist“ und hat sich wieder ihrem Handy gewidmet. Auf meine Frage, ob sie kurz nachsehen könne: „Nein, ich bin nicht fürs Lager zuständig.“

Der Staubsauger war übrigens da. Ein anderer Kollege hat ihn nach 10 Minuten aus dem Lager geholt.

Ich erwarte keinen roten Teppich, aber ein Mindestmaß an Freundlichkeit.""",
        "desired_outcome": "apology",
        "rating": 1,
        "review": "Hotline unerreichbar, Personal an der Theke desinteressiert.",
        "private_details": None,
        "days_ago": 62,
        "affected": ["lena_m", "tom_baker"],
        "answers": [
            {
                "author": "nina_support",
                "body": """Hallo Jonas, danke, dass Sie sich die Zeit genommen haben, das so genau zu schildern – und es tut mir aufrichtig leid. Ein abgebrochenes Gespräch nach 45 Minuten und so eine Behandlung an der Theke entsprechen nicht dem, wie wir mit Kundinnen und Kunden umgehen wollen.

Ich habe Ihre Schilderung an die Filialleitung in Köln-Ehrenfeld weitergegeben; das Thema wird in der nächsten Teambesprechung angesprochen. Zur Hotline: Wir haben seit diesem Monat eine Rückruffunktion – nach 5 Minuten Wartezeit können Sie sich zurückrufen lassen.

Als kleine Entschuldigung haben wir Ihrem Kundenkonto einen Gutschein über 15 € gutgeschrieben.""",
                "hours_after": 28,
                "votes": {"jonas_w": 1, "lena_m": 1, "tom_baker": 1},
                "official": True,
                "accepted": False,
            },
        ],
        "status": "closed",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "de-07",
        "author": "lena_m",
        "category": "repairs-warranty",
        "title": "Garantie für BW Phone 11 abgelehnt – angeblich Wasserschaden",
        "body": """Mein BW Phone 11 (gekauft Mai letzten Jahres) lädt seit Januar nicht mehr. Ich habe es zur Garantiereparatur eingeschickt. Nach drei Wochen kam es **unrepariert** zurück, mit dem Vermerk „Feuchtigkeitsindikator ausgelöst – kein Garantiefall“ und einem Kostenvoranschlag über 189 €.

Das Handy war nie nass. Kein Regen, kein Badezimmer, keine Pfütze. Es steckt seit dem ersten Tag in einer Hülle. Das Telefon wird übrigens mit „spritzwassergeschützt nach IP54“ beworben.

Ich möchte:
1. Fotos von dem angeblich ausgelösten Indikator sehen,
2. eine zweite Prüfung durch jemand anderen.""",
        "desired_outcome": "repair",
        "rating": 1,
        "review": "Garantie wird mit einer Ausrede abgelehnt. So gewinnt man kein Vertrauen.",
        "private_details": "Reparaturauftrag RMA-DE-55107, IMEI 356938035643809",
        "days_ago": 88,
        "affected": ["jonas_w", "maja_k", "wang_li"],
        "answers": [
            {
                "author": "jonas_w",
                "body": "Der Indikator kann auch durch hohe Luftfeuchtigkeit anspringen, z. B. wenn man das Handy im Winter aus der Kälte in eine warme Wohnung holt. Das ist aber keine Nutzung „entgegen der Bestimmung“ – da würde ich hart bleiben.",
                "hours_after": 6,
                "votes": {"lena_m": 1, "maja_k": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "oskar_support",
                "body": """Hallo Lena, danke für Ihre Nachricht, und ich verstehe Ihren Ärger gut. Sie haben ein Recht darauf, die Begründung nachvollziehen zu können.

Ich habe beim Servicecenter die Fotos des Indikators angefordert und eine **Zweitprüfung** durch einen anderen Techniker veranlasst. Bitte schicken Sie das Gerät mit dem kostenlosen Versandlabel, das Sie per Mail erhalten, noch einmal ein. Das Ergebnis sollte innerhalb von 10 Werktagen vorliegen.""",
                "hours_after": 30,
                "votes": {"lena_m": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "lena_m",
                "body": "Update: Bei der Zweitprüfung wurde Kulanz gewährt, die Ladebuchse wurde getauscht. Ich dachte, das war's.",
                "hours_after": 500,
                "votes": {},
                "official": False,
                "accepted": False,
            },
            {
                "author": "lena_m",
                "body": """Leider doch nicht. Nach zehn Tagen lädt das Handy wieder nur, wenn man das Kabel schräg hält – genau wie vorher. Ich habe den Fall deshalb wieder geöffnet.

Ich möchte jetzt kein drittes Mal einschicken und wieder drei Wochen ohne Telefon sein. Bitte ein Austauschgerät.""",
                "hours_after": 790,
                "votes": {"jonas_w": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "nina_support",
                "body": "Hallo Lena, das tut mir sehr leid – eine Reparatur, die nach zehn Tagen nicht mehr hält, ist nicht akzeptabel. Ich habe einen **Vorab-Austausch** beantragt: Sie bekommen ein Ersatzgerät und schicken das alte erst danach zurück. Die Freigabe erwarte ich bis Freitag und melde mich dann hier.",
                "hours_after": 812,
                "votes": {"lena_m": 1, "jonas_w": 1},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "reopened",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "de-08",
        "author": "jonas_w",
        "category": "billing-payments",
        "title": "Ratenkauf: Februarrate zweimal abgebucht",
        "body": """Ich zahle meinen Fernseher (Brightwell Vision 55 QLED) in 12 Raten à 54,90 € ab. Im Februar wurde die Rate **zweimal** abgebucht, am 1. und am 3. Februar. Auf meinem Kontoauszug steht beide Male derselbe Verwendungszweck.

Im Kundenkonto unter [Zahlungen](https://shop.brightwell.example/account/payments) sehe ich nur eine Buchung. Ich habe meiner Bank noch keinen Rückruf der Lastschrift beauftragt, weil ich nicht will, dass dann der ganze Ratenvertrag durcheinanderkommt.

Bitte die doppelte Rate zurücküberweisen oder mit der März-Rate verrechnen.""",
        "desired_outcome": "refund",
        "rating": 3,
        "review": "Kann passieren, aber ich hoffe, es wird schnell korrigiert.",
        "private_details": "Ratenvertrag RV-2025-33871, IBAN endet auf 4417",
        "days_ago": 33,
        "affected": ["lena_m"],
        "answers": [
            {
                "author": "nina_support",
                "body": """Hallo Jonas, vielen Dank für den Hinweis, und entschuldigen Sie bitte den Fehler. Gut, dass Sie die Lastschrift nicht zurückgerufen haben – das hätte tatsächlich eine Mahnung ausgelöst.

Ich habe den Vorgang geprüft: Durch eine technische Störung wurde die Februar-Lastschrift erneut eingereicht. Die 54,90 € werden Ihnen **innerhalb von 3 Werktagen** zurücküberwiesen. Ihr Ratenplan bleibt unverändert. Bitte geben Sie kurz Bescheid, wenn das Geld da ist.""",
                "hours_after": 18,
                "votes": {"jonas_w": 1, "lena_m": 1},
                "official": True,
                "accepted": True,
            },
            {
                "author": "jonas_w",
                "body": "Geld ist heute eingegangen. Danke für die schnelle und klare Antwort!",
                "hours_after": 70,
                "votes": {},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "resolved",
        "promised_in_days": None,
        "resolution_confirmed": True,
        "revised_rating": {
            "rating": 4,
            "review": "Fehler schnell eingeräumt und innerhalb von drei Tagen erstattet. So soll es sein.",
            "would_return": True,
        },
    },
    {
        "key": "de-09",
        "author": "lena_m",
        "category": "kitchen-appliances",
        "title": "Kaffeevollautomat BrewPro 500 seit 5 Wochen in Reparatur",
        "body": """Unser Brightwell BrewPro 500 hat Anfang Februar angefangen, nur noch lauwarmes Wasser durchzulassen. Am 9. Februar habe ich ihn in der Filiale Hamburg-Altona zur Garantiereparatur abgegeben. Versprochen wurden „2 bis 3 Wochen“.

Jetzt sind es fünf Wochen. Der Status im Reparaturportal steht seit dem 20. Februar unverändert auf „Warten auf Ersatzteil“. Wann das Teil kommt, kann mir keiner sagen.

Für eine Maschine, die 649 € gekostet hat, finde ich das zu lang. Wenn das Ersatzteil nicht lieferbar ist, hätte ich gern ein Austauschgerät.""",
        "desired_outcome": "exchange",
        "rating": None,
        "review": None,
        "private_details": "Reparaturauftrag RMA-DE-56032, abgegeben Filiale Hamburg-Altona, Tel. 040 3344 1290",
        "days_ago": 9,
        "affected": ["jonas_w", "zsofi_b"],
        "answers": [
            {
                "author": "jonas_w",
                "body": "Das Heizelement war bei der BrewPro-Serie im Winter wohl überall knapp. Ein Bekannter hat nach 4 Wochen einfach eine Leihmaschine bekommen, weil er danach gefragt hat. Frag ruhig mal nach!",
                "hours_after": 10,
                "votes": {"lena_m": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "oskar_support",
                "body": """Hallo Lena, danke für Ihre Geduld – und ich entschuldige mich, dass Sie so lange nichts von uns gehört haben. Das Portal hätte Sie über die Verzögerung informieren müssen.

Das benötigte Heizelement ist nachbestellt und wird für die kommende Woche erwartet. Mein Vorschlag:
- Ist die Maschine **bis zum 20. Tag** nach Ihrem Beitrag nicht repariert, tauschen wir sie gegen ein neues Gerät.
- Bis dahin können Sie in der Filiale Altona eine Leihmaschine abholen.

Ich habe die Filiale schon informiert.""",
                "hours_after": 40,
                "votes": {"lena_m": 1, "jonas_w": 1, "zsofi_b": 1},
                "official": True,
                "accepted": False,
            },
        ],
        "status": "in_progress",
        "promised_in_days": 20,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "de-10",
        "author": "jonas_w",
        "category": "smart-home",
        "title": "Nach Firmware-Update 3.0: Home Hub findet meine Kameras nicht mehr",
        "body": """Gestern Nacht hat sich mein Brightwell Home Hub automatisch auf Firmware 3.0 aktualisiert. Seitdem sind beide Außenkameras (Brightwell Cam Outdoor) „nicht erreichbar“. Licht und Steckdosen funktionieren.

Die Kameras selbst sind im WLAN, die LED leuchtet grün und im Router sehe ich sie. Aber der Hub erkennt sie nicht mehr. Neu hinzufügen klappt auch nicht – die Suche läuft eine Minute und findet nichts.

Das ist keine Kleinigkeit: Die Kameras hängen an Einfahrt und Gartentor, und wir sind ab Samstag im Urlaub.""",
        "desired_outcome": "repair",
        "rating": 2,
        "review": "Ein automatisches Update, das die Sicherheitskameras lahmlegt, darf nicht passieren.",
        "private_details": None,
        "days_ago": 115,
        "affected": ["lena_m", "jamie_r", "erik_l", "sara_j", "bence_t", "chen_yu"],
        "answers": [
            {
                "author": "lena_m",
                "body": """Bei mir dasselbe. Was geholfen hat:

1. In der App unter *Einstellungen → Hub → Erweitert* die Option **„Legacy-Kameras zulassen“** aktivieren (ist nach dem Update standardmäßig aus).
2. Hub einmal vom Strom nehmen, 30 Sekunden warten.
3. Kameras neu suchen lassen.

Danach waren beide Kameras sofort wieder da.""",
                "hours_after": 2,
                "votes": {"jonas_w": 1, "jamie_r": 1, "erik_l": 1, "sara_j": 1},
                "official": False,
                "accepted": True,
            },
            {
                "author": "nina_support",
                "body": """Hallo Jonas, hallo Lena, danke für die Meldung und vor allem für den Workaround – er ist korrekt. Wir entschuldigen uns für den Ärger: Mit Firmware 3.0 wurde die Einstellung für ältere Kameramodelle versehentlich deaktiviert.

Ein Korrektur-Update (3.0.1) wird in den nächsten **5 Tagen** automatisch verteilt und stellt die Einstellung wieder her. Wer den Workaround schon angewendet hat, muss nichts weiter tun.""",
                "hours_after": 8,
                "votes": {"jonas_w": 1, "lena_m": 1, "bence_t": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "jonas_w",
                "body": "Läuft wieder, danke Lena! Im Urlaub hat alles funktioniert.",
                "hours_after": 26,
                "votes": {},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "resolved",
        "promised_in_days": None,
        "resolution_confirmed": True,
        "revised_rating": None,
    },
    {
        "key": "de-11",
        "author": "lena_m",
        "category": "orders-delivery",
        "title": "Kühlschrank mit Delle geliefert – Fahrer wollte keine Notiz machen",
        "body": """Heute wurde unser Brightwell CoolMax 320 geliefert. Beim Auspacken: eine deutliche Delle in der rechten Seitenwand, etwa handtellergroß, und die Verpackung an genau der Stelle eingedrückt.

Ich wollte das auf dem Lieferschein vermerken lassen, aber der Fahrer meinte, er habe „keine Zeit“ und ich solle mich beim Kundenservice melden. Unterschrieben habe ich trotzdem, sonst hätte er das Gerät wieder mitgenommen.

Fotos von Delle und Karton habe ich gemacht. Der Kühlschrank kühlt, aber für 899 € möchte ich kein beschädigtes Gerät in der Küche stehen haben. Wie geht es jetzt weiter?""",
        "desired_outcome": "exchange",
        "rating": None,
        "review": None,
        "private_details": "Bestellung BW-2026-211904, Lieferung am Dienstag, Fotos liegen vor",
        "days_ago": 2,
        "affected": [],
        "answers": [
            {
                "author": "jonas_w",
                "body": "Wichtig: Transportschäden **innerhalb von 7 Tagen** schriftlich melden, mit Fotos. Dass du unterschrieben hast, ist nicht schlimm, solange du das zeitnah machst. Schreib es am besten zusätzlich per Mail, dann hast du einen Zeitstempel.",
                "hours_after": 3,
                "votes": {"lena_m": 1},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "open",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "de-12",
        "author": "jonas_w",
        "category": "phones-tablets",
        "title": "BW Phone 12: Akku hält keinen halben Tag mehr",
        "body": """Mein BW Phone 12 ist vier Monate alt und hielt anfangs locker anderthalb Tage. Seit ungefähr drei Wochen bin ich mittags bei 30 %, obwohl ich nichts anders mache. Das Handy wird dabei auch in der Hosentasche warm.

In den Akku-Einstellungen steht ganz oben „Systemdienste“ mit 41 %. Neustart, Energiesparmodus und Zurücksetzen der Netzwerkeinstellungen haben nichts gebracht.

Bevor ich das Gerät einschicke: Ist das ein bekannter Softwarefehler, auf den ein Update kommt? Ich möchte ungern drei Wochen ohne Telefon sein.""",
        "desired_outcome": "explanation",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 0,
        "affected": ["lena_m", "tom_baker", "maja_k"],
        "answers": [],
        "status": "open",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
]
