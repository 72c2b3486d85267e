"""Demo complaints written in Swedish."""

COMPLAINTS = [
    {
        "key": "sv-01",
        "author": "erik_l",
        "category": "smart-home",
        "title": "Smart Plug tappar wifi varje natt – måste dra ur och sätta i dem manuellt",
        "body": """Jag köpte ett 4-pack Brightwell Smart Plug Mini i januari och kopplade in dem i Home-appen. De första veckorna funkade allt, men sedan början av mars tappar minst två av dem uppkopplingen varje natt, ungefär mellan 03 och 04.

På morgonen står de som **Offline** i appen och enda sättet att få tillbaka dem är att dra ur och sätta i kontakten igen. Lite poänglöst, eftersom en av dem ska starta kaffebryggaren på morgonen.

Det här har jag testat:
- startat om routern (Telia, ingen annan enhet tappar anslutningen)
- tagit bort pluggarna i appen och lagt till dem igen
- flyttat en av dem närmare routern – samma sak

Firmware är 2.1.8 och appen säger att det är senaste versionen. Är det en känd bugg? Annars vill jag ha nya pluggar som faktiskt fungerar.""",
        "desired_outcome": "replacement",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 5,
        "affected": ["sara_j", "jonas_w", "tom_baker", "bence_t"],
        "answers": [
            {
                "author": "sara_j",
                "body": """Samma sak här med två av mina! Det som hjälpte för mig var att se till att pluggarna bara ser 2,4 GHz – de verkar bli förvirrade när routern flyttar runt enheter mellan banden (”band steering”).

I Telia-routern heter det något i stil med Smart Wi-Fi. Jag stängde av det och gjorde ett separat 2,4 GHz-nät bara för pluggarna, och sedan dess har de legat uppe i tio dagar i sträck.""",
                "hours_after": 7,
                "votes": {"erik_l": 1, "jonas_w": 1},
                "official": False,
                "accepted": True,
            },
            {
                "author": "erik_l",
                "body": "Tack Sara! Stängde av band steering och körde ett eget 2,4 GHz-nät. Två nätter utan avbrott hittills. Men borde inte det stå i manualen i så fall? Låter tråden vara öppen tills Brightwell säger om det kommer en firmwarefix.",
                "hours_after": 52,
                "votes": {"sara_j": 1, "bence_t": 1},
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
        "key": "sv-02",
        "author": "sara_j",
        "category": "billing-payments",
        "title": "Returnerade dammsugaren för över tre veckor sedan – fortfarande inga pengar",
        "body": """Jag returnerade en Brightwell CleanSweep V8 (sladdlös dammsugare, 3 490 kr) via ombud den 2 februari. Enligt spårningen kom paketet fram till ert lager den 5 februari, och på [ordersidan](https://shop.brightwell.example/orders) har det stått ”Retur mottagen” sedan dess.

Ni skriver att återbetalningen sker inom 14 dagar. Nu har det gått 23 dagar och ingenting har kommit tillbaka till kortet. Jag har mejlat kundtjänst två gånger och fått exakt samma automatsvar båda gångerna.

Jag vill bara ha tillbaka mina pengar, inget mer. Vad är det som tar sådan tid?""",
        "desired_outcome": "refund",
        "rating": 2,
        "review": "Köpet gick smidigt, men returen har varit en pina. Ingen svarar på mejl.",
        "private_details": "Order BW-2026-104529, kort som slutar på 4417, tel. 073-482 19 06",
        "days_ago": 40,
        "affected": ["erik_l", "priya-n"],
        "answers": [
            {
                "author": "oskar_support",
                "body": """Hej Sara, tack för att du hör av dig här och förlåt att du har fått vänta – 23 dagar är långt över vad vi lovar, och två automatsvar i rad är inte okej.

Jag har kollat din retur med hjälp av ordernumret i de privata uppgifterna. Dammsugaren är mottagen och godkänd, men återbetalningen fastnade eftersom kortet du betalade med har förnyats sedan köpet. Systemet försökte betala tillbaka till det gamla kortet och fick avslag – utan att någon reagerade.

Så här gör vi nu:
1. Jag har lagt in återbetalningen på 3 490 kr manuellt i dag.
2. Pengarna syns normalt på kontot inom **3–5 bankdagar**.
3. Jag återkommer i tråden på fredag och kollar att de har kommit fram.

Vill du hellre ha pengarna via banköverföring går det också – skriv det i så fall i de privata uppgifterna, inte här.""",
                "hours_after": 4,
                "votes": {"sara_j": 1, "erik_l": 1},
                "official": True,
                "accepted": True,
            },
            {
                "author": "sara_j",
                "body": "Pengarna kom i morse! Tack Oskar, skönt att någon faktiskt tittade på det på riktigt.",
                "hours_after": 100,
                "votes": {},
                "official": False,
                "accepted": False,
            },
            {
                "author": "oskar_support",
                "body": "Vad bra, tack för att du bekräftar. Jag har också skickat vidare det här med förnyade kort till teamet som sköter returer, så att det fångas upp automatiskt framöver.",
                "hours_after": 120,
                "votes": {"sara_j": 1},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "resolved",
        "promised_in_days": None,
        "resolution_confirmed": True,
        "revised_rating": {
            "rating": 4,
            "review": "Returen krånglade, men när ärendet väl hamnade hos rätt person löstes det snabbt och ärligt.",
            "would_return": True,
        },
    },
    {
        "key": "sv-03",
        "author": "erik_l",
        "category": "kitchen-appliances",
        "title": "AquaClean 600 visar E24 efter varje disk – teknikern har inte hört av sig",
        "body": """Vår Brightwell AquaClean 600 (köpt i maj förra året, alltså inom garantin) har börjat visa **E24** mot slutet av nästan varje program. Vattnet blir stående i botten och maskinen piper tills man stänger av den.

Jag har rensat filtret, kollat att avloppsslangen inte är vikt och kört ett tomt program med maskinrengöring. Ingen skillnad.

Felet anmäldes till garantiservice den 14:e och jag fick besked om att en tekniker skulle höra av sig ”inom 5 arbetsdagar”. Nu har det gått mer än två veckor. Vi är en familj på fem och diskar för hand varje kväll.

Jag vill att maskinen lagas, och helst få ett datum.""",
        "desired_outcome": "repair",
        "rating": 2,
        "review": "Bra maskin när den fungerar, men servicen efter köpet är seg.",
        "private_details": "Serviceärende SR-55821, order BW-2025-067310, Storgatan 14, Uppsala",
        "days_ago": 25,
        "affected": ["sara_j", "lena_m", "zsofi_b"],
        "answers": [
            {
                "author": "sara_j",
                "body": "E24 betyder att den inte får ut vattnet. Innan jag fick hjälp med min kollade jag anslutningen under diskbänken – där slangen går in i vattenlåset satt en plastpropp från installationen som bara var delvis utslagen. Värt att titta på om ni inte redan gjort det!",
                "hours_after": 3,
                "votes": {"erik_l": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "erik_l",
                "body": "Tack, men den är helt öppen, kollade med ficklampa. Maskinen har dessutom fungerat felfritt i tio månader, så jag tror att det är pumpen.",
                "hours_after": 26,
                "votes": {},
                "official": False,
                "accepted": False,
            },
            {
                "author": "nina_support",
                "body": """Hej Erik, tack för den tydliga beskrivningen och förlåt – att vänta två veckor på ett samtal som skulle komma inom fem dagar är inte acceptabelt, särskilt när ni är fem personer utan diskmaskin.

Jag hittade ärendet via numret i dina privata uppgifter. Det hade hamnat i kön för fel region. Jag har flyttat det till vår servicepartner i Uppsala och markerat det som prioriterat.

Nästa steg: servicepartnern ringer dig **senast på onsdag** för att boka tid. Teknikern tar med en ny tömningspump, eftersom E24 i de flesta fall beror på den. Allt ingår i garantin. Jag följer upp här på torsdag.""",
                "hours_after": 30,
                "votes": {"erik_l": 1, "sara_j": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "erik_l",
                "body": "Uppdatering: teknikern var här i tisdags och konstaterade att pumpen är trasig – men hade fel reservdel med sig. Ny pump är ”beställd”. Sedan dess har jag inte hört ett ljud. Klockan tickar.",
                "hours_after": 190,
                "votes": {"sara_j": 1, "lena_m": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "nina_support",
                "body": "Erik, jag beklagar verkligen att det blev ett besök till utan lösning. Jag har pratat med servicepartnern: rätt pump är beställd från centrallagret och väntas fram inom en vecka. De ringer dig så fort den kommer, och jag skriver här igen när jag har ett datum.",
                "hours_after": 200,
                "votes": {},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "in_progress",
        "promised_in_days": 14,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "sv-04",
        "author": "sara_j",
        "category": "stores-service",
        "title": "45 minuter i telefonkö – och sedan bröts samtalet",
        "body": """Ringde kundtjänst i går kl. 10.15 om en fråga kring min leverans. Fick höra ”du är nummer 12 i kön”. Efter 45 minuter kom jag äntligen fram till en person, hann säga mitt namn – och så bröts samtalet. Ingen ringde tillbaka, trots att ni har mitt nummer.

Försökte igen på eftermiddagen: 38 minuter, sedan gav jag upp.

Jag förstår att det kan vara mycket att göra, men det borde finnas en återuppringningsfunktion eller åtminstone en chatt som fungerar. Chatten på hemsidan säger bara ”Alla handläggare är upptagna”.

Vill egentligen bara att någon förklarar hur man ska få tag på er.""",
        "desired_outcome": "explanation",
        "rating": 1,
        "review": "Omöjligt att nå kundtjänst. Nästan en timme i kö för ingenting.",
        "private_details": "Tel. 070-318 44 92, ringde kl. 10.15 och 14.40",
        "days_ago": 9,
        "affected": ["erik_l", "jamie_r", "luka_p", "wang_li", "jonas_w"],
        "answers": [
            {
                "author": "erik_l",
                "body": "Tips: ring direkt när de öppnar kl. 8. Då har jag aldrig väntat mer än fem minuter. Efter lunch är det kaos.",
                "hours_after": 5,
                "votes": {"sara_j": 1, "jamie_r": -1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "oskar_support",
                "body": """Hej Sara, tack för att du tar dig tid att skriva om det här, och förlåt – att vänta 45 minuter och sedan bli bortkopplad är precis det vi inte vill att någon ska råka ut för.

Förklaringen: vi bytte telefonisystem den veckan, och samtal som kopplades från kön till en handläggare bröts i vissa fall. Felet rättades i fredags. Att ingen ringde tillbaka är ändå vårt ansvar.

Det här gör vi nu:
- Från den 1:a nästa månad kan du välja **”ring mig tillbaka”** i kön i stället för att vänta.
- Chatten får fler handläggare dagtid.

Din leveransfråga vill jag gärna lösa direkt – lägg in ordernumret i de privata uppgifterna (inte här i tråden), så ringer jag dig i morgon förmiddag.""",
                "hours_after": 22,
                "votes": {"sara_j": 1, "erik_l": 1},
                "official": True,
                "accepted": False,
            },
        ],
        "status": "acknowledged",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "sv-05",
        "author": "erik_l",
        "category": "phones-tablets",
        "title": "Brightwell-appen loggar ut mig flera gånger om dagen efter senaste uppdateringen",
        "body": """Sedan uppdateringen till version 5.3 av Brightwell-appen (BW Phone 12, Android 15) blir jag utloggad typ varannan gång jag öppnar den. Måste logga in med BankID varje gång, och ibland funkar inte ens det – då står det bara ”Något gick fel, försök igen”.

Har rensat cache, avinstallerat och installerat om. Samma sak.

Väldigt irriterande när man snabbt ska kolla en leverans eller visa kvittot i butiken. Någon mer som har det så?""",
        "desired_outcome": "other",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 1,
        "affected": ["sara_j", "tom_baker", "chen_yu", "maja_k", "jonas_w", "bence_t"],
        "answers": [],
        "status": "open",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "sv-06",
        "author": "sara_j",
        "category": "repairs-warranty",
        "title": "Garantin nekad för BW Tab 10 – ”fuktskada” på en platta som aldrig varit blöt",
        "body": """Min BW Tab 10 slutade ladda efter nio månader. Jag lämnade in den i butiken på Triangeln i Malmö den 3 januari för garantireparation. Tre veckor senare kom ett mejl: garantin gäller inte på grund av ”fuktindikering i laddporten”, och reparationen skulle kosta 1 850 kr.

Plattan har **aldrig** varit i närheten av vatten. Den står på ett skrivbord och används mest till att läsa tidningen. Jag har bett om bilder på skadan men inte fått några.

Jag tycker det är oseriöst att neka garanti utan att visa något underlag. Antingen lagas den inom garantin, eller så visar ni bevis.""",
        "desired_outcome": "repair",
        "rating": 1,
        "review": "Känns som att man letar efter skäl att slippa ta garantin.",
        "private_details": "Reparationsärende RMA-2026-00912, kvitto från Triangeln Malmö 2025-04-11",
        "days_ago": 60,
        "affected": ["erik_l", "maja_k"],
        "answers": [
            {
                "author": "nina_support",
                "body": """Hej Sara, tack för att du skriver och förlåt att du inte har fått något underlag – du har all rätt att se vad bedömningen bygger på.

Jag har begärt bilderna från verkstaden och bett om en **ny bedömning av en annan tekniker**. Det tar normalt 5–7 arbetsdagar. Plattan ligger kvar hos dem under tiden och omprövningen kostar dig ingenting.

Jag har ärendenumret från dina privata uppgifter, så du behöver inte göra något mer just nu. Jag hör av mig här så fort jag har svar.""",
                "hours_after": 18,
                "votes": {"sara_j": 1, "erik_l": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "erik_l",
                "body": "Be om bild på själva fuktindikatorn! Jag fick garantin nekad på en telefon för några år sedan, och när jag frågade efter bild visade det sig att de hade blandat ihop min enhet med någon annans.",
                "hours_after": 40,
                "votes": {"sara_j": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "nina_support",
                "body": "Sara, omprövningen är klar: den andra teknikern hittade ingen fuktskada, felet var en trasig laddkontakt. Reparationen görs inom garantin och plattan skickas till Triangeln inom en vecka. Förlåt igen för krånglet.",
                "hours_after": 200,
                "votes": {"sara_j": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "sara_j",
                "body": """Jag fick tillbaka plattan för drygt en månad sedan. Nu laddar den inte igen – exakt samma fel.

Ringde verkstaden och fick höra att ”reparationsgarantin bara gäller i 30 dagar och har gått ut”. Den gick ut för **fyra dagar sedan**. Öppnar ärendet igen, för det här är uppenbarligen inte löst.""",
                "hours_after": 1300,
                "votes": {"erik_l": 1, "maja_k": 1},
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
        "key": "sv-07",
        "author": "erik_l",
        "category": "orders-delivery",
        "title": "TV:n markerad som levererad – men den har aldrig kommit hit",
        "body": """Beställde en Brightwell Vision 55 (4K) med hemleverans fredagen den 21:a. På kvällen kom ett sms om att paketet var **levererat** kl. 14.32. Jag var hemma hela dagen. Ingen ringde på, ingen lapp, ingen TV utanför dörren. Grannarna har inte sett något.

Budfirman säger att jag ska vända mig till avsändaren. Ni säger att jag ska vända mig till budfirman. Under tiden har jag betalat 7 990 kr för något jag inte har.

Antingen hittar ni TV:n eller så skickar ni en ny. Enkelt.""",
        "desired_outcome": "replacement",
        "rating": 2,
        "review": "Själva köpet var smidigt, men när något går fel skickar alla bara bollen vidare.",
        "private_details": "Order BW-2026-109877, Kungsgatan 8 lgh 1102, Uppsala, tel. 076-255 31 08",
        "days_ago": 75,
        "affected": ["jamie_r"],
        "answers": [
            {
                "author": "nina_support",
                "body": """Hej Erik, tack för att du hör av dig och förlåt att du har skickats fram och tillbaka – det är vårt ansvar att reda ut det här, inte ditt.

Jag har startat en efterforskning hos budfirman med ordernumret från dina privata uppgifter. Enligt deras GPS-data lämnades paketet på en adress två kvarter bort. De får **48 timmar** på sig att hämta tillbaka det. Hittas det inte skickar vi en ny TV utan kostnad, med leverans till dörren och signering.

Jag skriver här igen senast på onsdag.""",
                "hours_after": 9,
                "votes": {"erik_l": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "erik_l",
                "body": "Ingen TV hittad enligt budfirman. Så vad händer nu?",
                "hours_after": 60,
                "votes": {},
                "official": False,
                "accepted": False,
            },
            {
                "author": "nina_support",
                "body": "Erik, då gör vi som utlovat: en ny Vision 55 har skickats från lagret i Jönköping i dag och levereras på fredag mellan 9 och 13. Budet ringer 30 minuter innan och du signerar vid mottagandet. Förlåt igen att det blev en sådan omväg.",
                "hours_after": 64,
                "votes": {"erik_l": 1, "sara_j": 1},
                "official": False,
                "accepted": True,
            },
            {
                "author": "erik_l",
                "body": "TV:n kom i dag, hel och fin. Tack.",
                "hours_after": 140,
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
            "review": "Budfirman skötte sig uselt, men Brightwell tog ansvar och jag hade en ny TV inom en vecka.",
            "would_return": True,
        },
    },
    {
        "key": "sv-08",
        "author": "sara_j",
        "category": "kitchen-appliances",
        "title": "Barista Pro läcker vatten under maskinen efter två månader",
        "body": """Brightwell Barista Pro, köpt i november. Sedan ett par veckor ligger det en pöl under maskinen varje morgon. Inte jättestor, men tillräckligt för att bänkskivan i ek har fått en mörk fläck.

Droppbrickan är inte full och sitter som den ska. Läckan verkar komma från baksidan, någonstans vid vattentanken.

Innan jag skickar in den: är det här ett känt fel? Jag vill helst byta till en ny maskin direkt i stället för att vara utan kaffe i tre veckor medan den repareras.""",
        "desired_outcome": "exchange",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 3,
        "affected": ["priya-n"],
        "answers": [
            {
                "author": "erik_l",
                "body": "Kolla packningen i botten av vattentanken – den lilla gummiringen runt ventilen. På min satt den snett efter att jag diskat tanken, och då droppade det precis så. Gick att trycka tillbaka med fingret.",
                "hours_after": 20,
                "votes": {"sara_j": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "sara_j",
                "body": "Packningen ser hel ut och sitter rätt, tyvärr. Det droppar fortfarande.",
                "hours_after": 30,
                "votes": {},
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
        "key": "sv-09",
        "author": "erik_l",
        "category": "stores-service",
        "title": "Nedlåtande bemötande i butiken i Nordstan när jag reklamerade hörlurar",
        "body": """Var i er butik i Nordstan i Göteborg i lördags för att byta ett par BW SoundBuds Pro där vänster lur slutat fungera efter tre veckor. Jag hade med kvitto och förpackning.

Säljaren i kassan suckade, sa att ”de går inte sönder om man inte tappar dem” och att jag fick skicka in dem till service själv. När jag nämnde konsumentköplagen himlade han med ögonen och sa till kollegan ”här har vi en jurist” – högt nog för att hela kön skulle höra.

Jag fick till slut byta, efter att en annan anställd kom fram. Men man ska inte behöva bli förlöjligad för att använda sina rättigheter. Jag vill ha en ursäkt och veta att det här tas upp med personalen.""",
        "desired_outcome": "apology",
        "rating": 2,
        "review": "Fick byta till slut, men bemötandet var under all kritik.",
        "private_details": None,
        "days_ago": 110,
        "affected": ["sara_j", "luka_p", "chen_yu"],
        "answers": [
            {
                "author": "sara_j",
                "body": "Usch, så får det inte gå till. Bra att du skriver om det. Enligt konsumentköplagen är det dessutom säljaren som ska visa att felet inte fanns från början om det dyker upp inom två år – så du hade helt rätt.",
                "hours_after": 12,
                "votes": {"erik_l": 1, "luka_p": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "oskar_support",
                "body": """Hej Erik, tack för att du berättar om det här – och jag vill be om ursäkt, på riktigt. Du hade all rätt att reklamera hörlurarna, och ingen kund ska bli förlöjligad inför andra för att hen frågar om sina rättigheter.

Jag har pratat med butikschefen i Nordstan. Händelsen har gåtts igenom med den berörda medarbetaren, och hela butiken får en genomgång om reklamationer och bemötande nästa vecka.

Som en liten kompensation har vi lagt in ett presentkort på 300 kr på ditt kundkonto. Hör gärna av dig här om något fortfarande känns oklart.""",
                "hours_after": 28,
                "votes": {"erik_l": 1, "sara_j": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "erik_l",
                "body": "Tack för svaret. Uppskattar att ni tog det på allvar.",
                "hours_after": 50,
                "votes": {},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "closed",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "sv-10",
        "author": "sara_j",
        "category": "smart-home",
        "title": "Efter uppdateringen av Home hub syns inga kameror i appen",
        "body": """I tisdags natt uppdaterades vår Brightwell Home hub automatiskt till version 4.0. Sedan dess syns ingen av våra tre Brightwell Cam Outdoor i appen – de står som ”Ingen enhet hittad”. Lampor och pluggar fungerar som vanligt.

Kamerorna verkar vara igång (lysdioden blinkar blått) och de syns i routerns lista över anslutna enheter.

Vi har kamerorna för att vi är bortresta mycket, så det här är inte bara ett irritationsmoment. Jag har försökt:
1. starta om hubben
2. starta om kamerorna
3. lägga till en kamera på nytt – då fastnar den på ”Söker…”

Går det att rulla tillbaka uppdateringen?""",
        "desired_outcome": "other",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 6,
        "affected": ["erik_l", "tom_baker", "lena_m", "wang_li", "zsofi_b", "luka_p", "jamie_r"],
        "answers": [
            {
                "author": "erik_l",
                "body": "Samma här med en Cam Indoor. Som nödlösning öppnar jag kameran direkt i webbläsaren på dess IP-adress (står i routern) – då ser man i alla fall bilden, även om man inte får några notiser.",
                "hours_after": 4,
                "votes": {"sara_j": 1, "tom_baker": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "oskar_support",
                "body": """Hej Sara, och alla andra med samma problem – tack för felrapporterna, och förlåt. Det här är ett fel i hub-version 4.0 och det är vi som har orsakat det.

Vad vi vet: uppdateringen ändrade hur hubben hittar kameror i nätverket, och kameror med firmware äldre än 3.2 känns inte igen. Det går tyvärr inte att rulla tillbaka hubben via appen.

Vad som händer nu:
- En rättad version (4.0.1) testas just nu och ska skickas ut **inom tio dagar**.
- Fram till dess fungerar Eriks lösning med webbläsaren.
- Jag uppdaterar tråden så fort releasen är ute.""",
                "hours_after": 10,
                "votes": {"sara_j": 1, "erik_l": 1, "lena_m": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "sara_j",
                "body": "Tack för ett ärligt svar. Webbläsartricket funkar, men vi åker bort på fredag, så jag hoppas verkligen att fixen kommer innan dess.",
                "hours_after": 30,
                "votes": {},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "in_progress",
        "promised_in_days": 10,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "sv-11",
        "author": "erik_l",
        "category": "billing-payments",
        "title": "Faktura och påminnelseavgift för en order som jag redan betalat med kort",
        "body": """I december köpte jag en Brightwell AirPure 300 luftrenare för 2 290 kr och betalade med kort direkt i kassan på webben. Pengarna drogs samma dag, det syns på kontoutdraget.

I januari kom en **faktura** på samma belopp, och förra veckan en påminnelse med 60 kr i påminnelseavgift. Enligt påminnelsen går den till inkasso om den inte betalas inom tio dagar.

Jag har aldrig valt faktura. Jag vill att fakturan och avgiften stryks och att jag får en skriftlig bekräftelse på att det inte går vidare till inkasso.""",
        "desired_outcome": "other",
        "rating": 3,
        "review": "Luftrenaren är bra, men faktureringen verkar inte hänga ihop med kassan.",
        "private_details": "Order BW-2025-099214, fakturanummer 7700412, kortbetalning 12 december",
        "days_ago": 50,
        "affected": ["sara_j", "jonas_w"],
        "answers": [
            {
                "author": "sara_j",
                "body": "Bestrid fakturan skriftligt hos fakturabolaget direkt och spara kontoutdraget som bevis. Så länge den är bestridd får de inte skicka den till inkasso. Det var så jag gjorde när något liknande hände mig med ett annat företag.",
                "hours_after": 6,
                "votes": {"erik_l": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "nina_support",
                "body": """Hej Erik, tack för att du hör av dig och förlåt för oron det här har orsakat – ett inkassohot för något man redan har betalat är verkligen obehagligt.

Jag har kontrollerat ordern: kortbetalningen gick igenom som den skulle, men ordern registrerades samtidigt felaktigt som fakturaköp hos vår betalpartner. Felet drabbade ett litet antal beställningar under två dagar i december.

Det här har jag gjort:
- Fakturan och påminnelseavgiften på 60 kr är **makulerade** i dag.
- Ärendet är stoppat hos betalpartnern, så det går inte till inkasso.
- Du får en skriftlig bekräftelse via mejl inom två arbetsdagar.

Hör av dig här om du mot förmodan får fler brev.""",
                "hours_after": 20,
                "votes": {"erik_l": 1, "sara_j": 1},
                "official": True,
                "accepted": True,
            },
            {
                "author": "erik_l",
                "body": "Bekräftelsen har kommit. Tack för snabb hjälp – och tack Sara för tipset.",
                "hours_after": 70,
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
        "key": "sv-12",
        "author": "sara_j",
        "category": "orders-delivery",
        "title": "Ordern annullerades utan förklaring – nu kostar kylen 1 500 kr mer",
        "body": """Beställde en Brightwell CoolMax 320 kyl/frys under kampanjveckan för 8 495 kr. Fick orderbekräftelse och beloppet reserverades på kortet.

Fyra dagar senare kom ett mejl: ”Din order har tyvärr annullerats.” Ingen förklaring alls. När jag gick in på sidan igen kostade samma kyl 9 995 kr.

Om varan var slut kan ni väl säga det? Nu känns det som att ni annullerar ordrar för att slippa sälja till kampanjpris. Jag vill att ni levererar till det pris vi kom överens om, eller åtminstone förklarar vad som hände. Reservationen på kortet ligger dessutom fortfarande kvar.""",
        "desired_outcome": "explanation",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 2,
        "affected": ["erik_l", "priya-n", "lena_m"],
        "answers": [],
        "status": "open",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
]
