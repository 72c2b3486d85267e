"""Demo complaints written in Slovene."""

COMPLAINTS = [
    {
        "key": "sl-01",
        "author": "maja_k",
        "category": "orders-delivery",
        "title": "CoolMax 320 – dostava že dvakrat zamujena, dopust sem si vzela zastonj",
        "body": """Hladilnik Brightwell CoolMax 320 sem naročila 3. marca prek spletne trgovine. Dostava z dvigom v stanovanje je bila potrjena za petek med 8. in 12. uro. Vzela sem si prost dan, čakala do dveh popoldne, nihče ni prišel in nihče ni poklical.

V ponedeljek je prišel SMS, da je dostava prestavljena na sredo. V sredo spet isto – nič. Ko sem poklicala prevoznika, so mi povedali, da hladilnika sploh nimajo v skladišču v Ljubljani.

Kar me najbolj moti:
- dvakrat sem po nepotrebnem ostala doma,
- na [strani naročila](https://shop.brightwell.example/orders) še vedno piše "v dostavi",
- stari hladilnik sem že dala odpeljati, ker sem računala na dogovorjeni termin. Hrano imamo zdaj pri sosedi.

Prosim za **točen datum dostave**, ne še enega okvirnega termina. Če tega ne zmorete, želim vračilo celotnega zneska.""",
        "desired_outcome": "refund",
        "rating": 1,
        "review": "Dvakrat sem čakala zaman in nihče se ni niti opravičil. Zelo slaba izkušnja z dostavo.",
        "private_details": "Naročilo BW-2026-118734, tel. 041 123 456, Celovška cesta 112, Ljubljana",
        "days_ago": 18,
        "affected": ["luka_p", "zsofi_b"],
        "answers": [
            {
                "author": "nina_support",
                "body": """Pozdravljeni, Maja, hvala, da ste nam pisali, in iskreno se opravičujem – dvakrat zaman vzet prost dan je nesprejemljiv, še posebej brez klica.

Preverila sem pri skladišču: vaš hladilnik je bil pomotoma dodeljen drugemu naročilu. Nova pošiljka prispe v Ljubljano v ponedeljek.

Kaj sledi:
1. do srede vas pokliče naš koordinator dostave in z vami dogovori **fiksno uro** (ne štiriurnega okna),
2. dostava in dvig bosta brezplačna, strošek prvotne dostave vam vrnemo na kartico,
3. če vam nov termin ne bo ustrezal, lahko naročilo prekličete in celoten znesek vrnemo v 5 delovnih dneh.

Številko naročila že vidim v zasebnih podatkih, zato je tukaj ne objavljajte. V sredo se oglasim in preverim, ali je klic bil.""",
                "hours_after": 6,
                "votes": {"luka_p": 1, "zsofi_b": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "luka_p",
                "body": "Meni se je lani zgodilo isto s pralnim strojem. Pomagalo je, da sem prevozniku na številko iz SMS-a poslal sliko potrdila o terminu – šele takrat so me uvrstili v ruto. Držim pesti.",
                "hours_after": 20,
                "votes": {"maja_k": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "maja_k",
                "body": """Da povem, kako se razvija: v sredo me je res poklicala gospa iz Brightwella in dogovorili sva se za petek ob 10h. V četrtek zvečer pa spet SMS, da se dostava zamakne, ker "tovornjak ni bil naložen".

Torej smo tri tedne po naročilu še vedno brez hladilnika.""",
                "hours_after": 170,
                "votes": {"luka_p": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "oskar_support",
                "body": "Maja, zelo mi je žal, to je že tretji spodrsljaj in razumem, da ste izgubili potrpljenje. Zadevo sem predal neposredno vodji logistike za Slovenijo. Hladilnik je zdaj fizično rezerviran na vaše ime in ga ne more dobiti nihče drug. Do jutri opoldne vas bomo poklicali z novim terminom, za nevšečnosti pa vam bomo poleg vračila stroškov dostave pripisali še 50 € dobropisa.",
                "hours_after": 190,
                "votes": {"maja_k": 1},
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
        "key": "sl-02",
        "author": "luka_p",
        "category": "billing-payments",
        "title": "BW Phone 12 – kartica bremenjena dvakrat (2 × 699 €)",
        "body": """Včeraj sem v spletni trgovini kupil BW Phone 12 (128 GB, moder). Pri plačilu se je stran zataknila na koraku 3D Secure, zato sem čez nekaj minut poskusil ponovno.

Zdaj imam na računu **dve bremenitvi po 699,00 €**, v mojem profilu pa je naročilo samo eno. Banka pravi, da sta obe transakciji potrjeni in da moram zadevo urediti s trgovcem.

Prosim, vrnite drugo bremenitev čim prej, 699 € ni ravno drobiž.""",
        "desired_outcome": "refund",
        "rating": 2,
        "review": "Telefon je v redu, plačilni sistem pa ne. Dvojna bremenitev se sploh ne bi smela zgoditi.",
        "private_details": "Naročilo BW-2026-203311, transakciji 14. 2. ob 21:04 in 21:09, kartica se konča na 4471",
        "days_ago": 64,
        "affected": ["maja_k", "bence_t", "chen_yu"],
        "answers": [
            {
                "author": "oskar_support",
                "body": """Pozdravljeni, Luka, hvala za natančen opis in opravičujem se za skrbi, ki vam jih je to povzročilo.

Preveril sem: druga transakcija ob 21:09 je nastala, ker je plačilni ponudnik prvo plačilo potrdil z zamikom. Sprožil sem vračilo **699,00 €** na isto kartico; banka ga običajno knjiži v 3–5 delovnih dneh.

Podatke o transakcijah imam iz vaših zasebnih podatkov, zato jih tukaj ne ponavljajte. V petek preverim, ali je denar prispel, in se oglasim.""",
                "hours_after": 3,
                "votes": {"maja_k": 1, "luka_p": 1, "bence_t": 1},
                "official": True,
                "accepted": True,
            },
            {
                "author": "maja_k",
                "body": "Nasvet za naslednjič: če se 3D Secure zatakne, najprej v bančni aplikaciji preveri, ali je plačilo šlo skozi, in šele potem klikni še enkrat. Meni se je enkrat zgodilo pri letalski družbi, vračilo pa je trajalo dva meseca.",
                "hours_after": 9,
                "votes": {"luka_p": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "luka_p",
                "body": "Denar je danes prispel nazaj. Hvala Oskarju za hitro reakcijo.",
                "hours_after": 98,
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
            "review": "Napaka se je zgodila, a so jo uredili v štirih dneh in se sami oglasili. Korektno.",
            "would_return": True,
        },
    },
    {
        "key": "sl-03",
        "author": "maja_k",
        "category": "kitchen-appliances",
        "title": "Pomivalni stroj AquaClean 60 sredi programa javi E24 in ne izčrpa vode",
        "body": """Pomivalni stroj Brightwell AquaClean 60 imam dobro leto. Zadnji teden se skoraj vsak program ustavi približno na polovici, na zaslonu utripa **E24**, na dnu pa ostane centimeter umazane vode.

Kaj sem že naredila:
- očistila filter in sito na dnu,
- stroj za 10 minut izklopila iz elektrike,
- preverila, da odtočna cev za omarico ni prepognjena.

V navodilih piše samo "napaka odtoka, pokličite servis". Preden naročim serviserja (in plačam prihod), me zanima, ali je kdo to rešil sam.""",
        "desired_outcome": "repair",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 41,
        "affected": ["luka_p", "wang_li"],
        "answers": [
            {
                "author": "luka_p",
                "body": """E24 je skoraj vedno odtok. Pri nas je bil krivec **sifon pod koritom**: odtočna cev pomivalnega stroja je priklopljena na priključek na sifonu in ta je bil zamašen z maščobo. Odvij sifon ter splakni priključek in cev.

Če imaš nov sifon, preveri še, ali je na priključku odstranjen plastični čepek – pogosta napaka pri montaži.

Če nič od tega ne pomaga, je na vrsti črpalka, to pa je že za servis.""",
                "hours_after": 4,
                "votes": {"maja_k": 1, "zsofi_b": 1, "wang_li": 1},
                "official": False,
                "accepted": True,
            },
            {
                "author": "nina_support",
                "body": "Pozdravljeni, Maja, hvala za objavo. Lukov nasvet je dober prvi korak. Če se E24 ponovi, nam v zasebne podatke vpišite serijsko številko stroja (nalepka na notranji strani vrat). Stroj je še v garanciji, zato je prihod serviserja brezplačen, termin pa uredimo v 3–5 delovnih dneh.",
                "hours_after": 26,
                "votes": {"luka_p": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "maja_k",
                "body": "Bil je sifon! Notri je bila prava gmota maščobe in riža. Po čiščenju je stroj dvakrat odpral brez napake. Hvala, Luka, prihranil si mi pot na servis.",
                "hours_after": 30,
                "votes": {"luka_p": 1},
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
        "key": "sl-04",
        "author": "luka_p",
        "category": "smart-home",
        "title": "Pametne vtičnice Home Plug se vsakih nekaj ur odklopijo z wifija",
        "body": """Imam štiri vtičnice Brightwell Home Plug (kupljene v akciji 4 za 3) in Brightwell Home hub. Vse štiri se nekajkrat na dan v aplikaciji pokažejo kot **nedosegljive** in se čez 10–20 minut same vrnejo.

Zaradi tega ne delujejo urniki – bojler se je danes zjutraj vklopil šele ob devetih namesto ob petih, tako da smo se tuširali z mrzlo vodo.

Router je Zyxel od Telekoma, vtičnice so od njega največ 6 metrov. Firmware je po aplikaciji zadnji (2.3.1). Druge naprave na wifiju nimajo težav.

Je še kdo s tem? Kdaj bo popravek?""",
        "desired_outcome": "explanation",
        "rating": 2,
        "review": "Ko delujejo, so super, a vtičnica, ki ji ne moreš zaupati urnika, je bolj ali manj navadna vtičnica.",
        "private_details": None,
        "days_ago": 23,
        "affected": ["maja_k", "jonas_w", "sara_j", "wang_li"],
        "answers": [
            {
                "author": "maja_k",
                "body": """Pri meni sta pomagali dve stvari:
1. v routerju sem ločila omrežji 2,4 GHz in 5 GHz (vtičnice znajo samo 2,4 in se ob "band steeringu" zmedejo),
2. vtičnicam sem v routerju dodelila fiksne IP naslove.

Od takrat se odklopijo morda enkrat na teden.""",
                "hours_after": 11,
                "votes": {"luka_p": 1, "jonas_w": 1, "sara_j": 1},
                "official": False,
                "accepted": True,
            },
            {
                "author": "luka_p",
                "body": "Ločil sem omrežji in je že veliko bolje, hvala! Vseeno pa bi to moralo delovati brez telovadbe po nastavitvah routerja.",
                "hours_after": 40,
                "votes": {"maja_k": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "oskar_support",
                "body": "Pozdravljeni, hvala obema za podrobnosti, zelo nam pomagajo. Težavo pri preklapljanju med 2,4 in 5 GHz smo potrdili pri firmwaru 2.3.x in razvijalci pripravljajo popravek. Datuma izida še nimam; ko ga bom imel, ga objavim tukaj. Do takrat je Majina rešitev najzanesljivejša.",
                "hours_after": 52,
                "votes": {"maja_k": 1, "luka_p": -1},
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
        "key": "sl-05",
        "author": "maja_k",
        "category": "repairs-warranty",
        "title": "Garancija za BW Tab 10 zavrnjena zaradi »mehanske poškodbe«, ki je ni",
        "body": """Tablica BW Tab 10 (kupljena avgusta lani v trgovini v Europarku v Mariboru) se je nehala polniti. Nikoli ni padla, ves čas je v ovitku, kar se tudi vidi – nima niti praske.

Oddala sem jo na servis in po treh tednih dobila sporočilo, da je garancija zavrnjena zaradi **mehanske poškodbe priključka USB-C**, popravilo pa bi stalo 89 €. Fotografij niso priložili. Na vprašanje, kje točno je poškodba, mi ni odgovoril nihče.

Mislim, da je priključek preprosto odpovedal, kar se pri tem modelu očitno dogaja (na spletu je kar nekaj podobnih primerov).

Želim **brezplačno popravilo v garanciji** ali vsaj pisno obrazložitev s fotografijami.""",
        "desired_outcome": "repair",
        "rating": 2,
        "review": "Servis je zavrnil garancijo brez kakršnegakoli dokaza. Od velike trgovine sem pričakovala več.",
        "private_details": "Servisni nalog SRV-55120, račun št. 2025-MB-04418",
        "days_ago": 75,
        "affected": ["luka_p", "erik_l"],
        "answers": [
            {
                "author": "nina_support",
                "body": "Pozdravljeni, Maja, hvala, da ste nas opozorili, in opravičujem se, ker ste odgovor čakali tri tedne brez pojasnila. Zavrnitev brez fotografij ni v skladu z našimi pravili. Servisni nalog sem poslala v ponovni pregled vodji servisa; odločitev s fotografijami boste prejeli v 7 delovnih dneh. Tablica medtem ostane na servisu in brez vašega soglasja ne bo nič zaračunano.",
                "hours_after": 20,
                "votes": {"luka_p": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "luka_p",
                "body": "Če bodo vztrajali, se sklicuj na to, da je v prvem letu breme dokazovanja na prodajalcu – oni morajo dokazati, da je napako povzročil kupec, ne ti, da je nisi. Pri meni je to enkrat takoj zaleglo.",
                "hours_after": 30,
                "votes": {"maja_k": 1, "bence_t": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "maja_k",
                "body": "Po ponovnem pregledu so priznali garancijo in zamenjali priključek. Tablico sem dobila nazaj, hvala, Nina.",
                "hours_after": 250,
                "votes": {},
                "official": False,
                "accepted": False,
            },
            {
                "author": "maja_k",
                "body": """Žal moram zadevo odpreti znova. Tablica se po šestih tednih **spet ne polni** – isti priključek.

Servis zdaj pravi, da "popravilo ni vključeno v garancijo, ker je bila naprava že popravljena". Resno?""",
                "hours_after": 1300,
                "votes": {"luka_p": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "nina_support",
                "body": "Maja, opravičujem se, to je napačna informacija: garancija velja še naprej, za zamenjani del pa začne teči nova. Zadevo sem ponovno odprla in predlagala zamenjavo tablice z novo, ker se ista napaka ponavlja. Odgovor vodje servisa pričakujem do petka in vam ga sporočim tukaj in po e-pošti.",
                "hours_after": 1330,
                "votes": {"maja_k": 1},
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
        "key": "sl-06",
        "author": "luka_p",
        "category": "stores-service",
        "title": "45 minut na infotelefonu, v trgovini pa »to ni moj problem«",
        "body": """Zanimivo, kako Brightwell rešuje vprašanja strank. Najprej 45 minut poslušaš isto melodijo na brezplačni številki, potem se linija prekine.

Naslednji dan grem v trgovino v BTC, da bi vprašal, ali lahko zamenjam slušalke BW Buds, ki jih **nisem niti odprl** (račun imam, 9 dni od nakupa). Prodajalec mi je sredi pogovora s sodelavcem rekel, da "to ni njegov problem" in naj "pišem na internet".

No, pišem na internet.

Ne pričakujem čudežev. Pričakujem, da mi nekdo normalno pove, ali lahko neodprt izdelek v 14 dneh zamenjam ali ne.""",
        "desired_outcome": "exchange",
        "rating": 1,
        "review": "Telefonska linija neuporabna, odnos v trgovini pod vsako kritiko.",
        "private_details": "Račun 2026-LJ-BTC-09812, nakup 2. 4., tel. 031 552 907",
        "days_ago": 8,
        "affected": ["maja_k", "tom_baker", "zsofi_b"],
        "answers": [
            {
                "author": "oskar_support",
                "body": """Pozdravljeni, Luka, hvala, da ste to zapisali, in iskreno se opravičujem – za čakanje in še bolj za odziv v trgovini. Tako ne bi smel ravnati nihče od nas.

Na kratko: neodprt izdelek z računom lahko vrnete ali zamenjate v 14 dneh v kateri koli naši trgovini. Ker ste rok zaradi nas skoraj izgubili, sem vodji trgovine v BTC naročil, da vam zamenjavo omogoči do konca meseca. Z njim sem se pogovoril tudi o dogodku.

Glede linije: ta teden imamo zaradi izpada sistema daljše čakalne dobe, lahko pa nam pišete prek spletnega obrazca. Vodja trgovine vas bo poklical v dveh delovnih dneh – telefonsko številko, prosim, dodajte v zasebne podatke, ne sem.""",
                "hours_after": 14,
                "votes": {"maja_k": 1, "luka_p": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "luka_p",
                "body": "Hvala za hiter odziv. Številko sem dodal, čakam na klic.",
                "hours_after": 40,
                "votes": {},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "acknowledged",
        "promised_in_days": 12,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "sl-07",
        "author": "maja_k",
        "category": "phones-tablets",
        "title": "Aplikacija Brightwell me odjavlja in potem ne sprejme pravilnega gesla",
        "body": """Že tretjič ta mesec. Aplikacija Brightwell (Android, BW Phone 11) me sama odjavi, pri ponovni prijavi pa javi "Nepravilno geslo", čeprav se z istim geslom brez težav prijavim na spletni strani.

Pomaga šele, ko počistim podatke aplikacije in jo namestim znova – potem pa moram spet povezati kartico zvestobe in nastaviti obvestila.

Se da to kako rešiti brez vsakotedenske reinstalacije?""",
        "desired_outcome": "explanation",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 3,
        "affected": ["luka_p", "priya-n"],
        "answers": [],
        "status": "open",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "sl-08",
        "author": "luka_p",
        "category": "billing-payments",
        "title": "Vračilo denarja za vrnjeno mikrovalovno pečico po treh tednih še ni nakazano",
        "body": """Mikrovalovno pečico Brightwell MW 25 Grill sem vrnil v zakonskem 14-dnevnem roku (nakup prek spleta, vračilo s paketno pošto). Po sledenju je bil paket dostavljen v vaše skladišče **pred 23 dnevi**, potrdilo o prevzemu imam.

Od takrat:
- dve e-sporočili podpori – samodejni odgovor in nič več,
- klic na infotelefon – "vračilo je v obdelavi",
- na [strani naročila](https://shop.brightwell.example/orders) piše "Vračilo sprejeto", denarja pa ni.

Po zakonu bi morali denar vrniti najkasneje v 14 dneh. Prosim za konkreten datum nakazila.""",
        "desired_outcome": "refund",
        "rating": 2,
        "review": "Nakup enostaven, vračilo pa čista birokracija.",
        "private_details": "Naročilo BW-2026-187702, vračilni paket PS 4412 9981 SI",
        "days_ago": 9,
        "affected": ["maja_k", "lena_m", "chen_yu"],
        "answers": [
            {
                "author": "nina_support",
                "body": "Pozdravljeni, Luka, hvala za potrpežljivost in oprostite – imate prav, zakonski rok je že potekel. Paket je bil v skladišču prevzet, vendar ni bil skeniran v sistem za vračila, zato se nakazilo ni sprožilo. To sem zdaj uredila ročno. Vračilo 149,99 € bo nakazano v **3 delovnih dneh**; ko bo odobreno, vam pošljem potrdilo. Hvala, ker ste podatke vpisali med zasebne.",
                "hours_after": 5,
                "votes": {"luka_p": 1, "maja_k": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "maja_k",
                "body": "Ko mi je zadnjič zamujalo vračilo, je v aplikaciji pod \"Moja vračila\" pisalo \"odobreno\" dva dni pred nakazilom. Splača se pogledati tam, spletna stran se osvežuje počasneje.",
                "hours_after": 28,
                "votes": {"luka_p": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "luka_p",
                "body": "Minilo je pet delovnih dni, denarja še vedno ni. V aplikaciji piše \"odobreno\" že od torka. Kaj zdaj?",
                "hours_after": 150,
                "votes": {"maja_k": 1},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "in_progress",
        "promised_in_days": 4,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "sl-09",
        "author": "maja_k",
        "category": "kitchen-appliances",
        "title": "Kavni aparat Barista Pro po štirih mesecih pušča vodo pod podstavek",
        "body": """Kavni aparat Brightwell Barista Pro sem kupila pred štirimi meseci. Zadnja dva tedna je po vsaki kavi pod aparatom lužica vode, pladenj za kapljanje pa je skoraj prazen.

Tesnilo rezervoarja sem preverila in ga namestila znova, vodni kamen sem odstranjevala po navodilih, pa nič.

Aparat bi rada zamenjala za novega, ker ne verjamem, da bo popravilo trajno.""",
        "desired_outcome": "exchange",
        "rating": 3,
        "review": "Kava je odlična, aparat pa po štirih mesecih pušča. Zamenjavo so uredili, ampak šele po drugem klicu.",
        "private_details": None,
        "days_ago": 110,
        "affected": ["luka_p"],
        "answers": [
            {
                "author": "luka_p",
                "body": "Preveri še silikonsko cevko pod rezervoarjem – pri mojem starejšem modelu se je snela in voda je tekla naravnost ven. Je pa res, da je bila to napaka aparata, ne moja.",
                "hours_after": 10,
                "votes": {"maja_k": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "oskar_support",
                "body": "Pozdravljeni, Maja, hvala za prijavo in opravičujem se za nevšečnosti. Aparat je v garanciji, puščanje po štirih mesecih pa je zadosten razlog za zamenjavo. Prinesite ga z računom v trgovino v Kopru, zamenjavo sem tam že najavil in velja 30 dni. Številko računa, prosim, vpišite v zasebne podatke, ne javno.",
                "hours_after": 22,
                "votes": {"maja_k": 1, "luka_p": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "maja_k",
                "body": "Danes sem bila v Kopru in v trgovini o najavi niso vedeli ničesar. Po klicu na centralo so aparat vseeno zamenjali, tako da imam novega doma. Naslednjič bi pa prosila, da najava res pride do trgovine.",
                "hours_after": 140,
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
        "key": "sl-10",
        "author": "luka_p",
        "category": "orders-delivery",
        "title": "Televizor prispel s počenim zaslonom, prevoznik in trgovina pa se podajata žogico",
        "body": """Naročil sem televizor Brightwell Vision 55" 4K, dostava je bila 28. januarja. Škatla je bila na enem vogalu vidno zmečkana, vendar je voznik rekel, da moram podpisati, "sicer ga odpelje nazaj". Podpisal sem, ob odprtju pa je bil zaslon v spodnjem levem kotu počen.

Fotografije škatle in zaslona imam, posnel sem jih deset minut po dostavi.

Prevoznik pravi, da sem prevzem podpisal brez pripomb in je to zdaj stvar trgovine. Trgovina po telefonu pravi, da je stvar prevoznika.

Koga naj torej prosim za **nov televizor**?""",
        "desired_outcome": "replacement",
        "rating": 2,
        "review": "Začetek zelo slab, potem pa so zamenjavo uredili brez nadaljnjih zapletov.",
        "private_details": "Naročilo BW-2026-100385, tel. 031 778 204",
        "days_ago": 88,
        "affected": ["maja_k", "tom_baker", "erik_l", "bence_t"],
        "answers": [
            {
                "author": "maja_k",
                "body": "Fotografije obvezno shrani kot originale z datumom (ne samo posnetke zaslona). Pri naslednji dostavi pa pred podpisom na dobavnico napiši \"embalaža poškodovana\" – to pravico imaš vedno, ne glede na to, kaj pravi voznik.",
                "hours_after": 2,
                "votes": {"luka_p": 1, "tom_baker": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "nina_support",
                "body": """Pozdravljeni, Luka, hvala za fotografije in opravičujem se – tako se nakup televizorja ne bi smel začeti.

Za blago, poškodovano med dostavo, kot prodajalec odgovarjamo mi, ne vi in ne prevoznik, zato vas nihče več ne bo pošiljal naprej. Nov televizor je rezerviran:
- dostava v **3 delovnih dneh**,
- voznik ob isti priložnosti prevzame poškodovanega,
- s prevoznikom se dogovorimo sami.

Kontaktne podatke imamo iz zasebnih podatkov, zato vas za termin pokličemo.""",
                "hours_after": 7,
                "votes": {"luka_p": 1, "maja_k": 1, "tom_baker": 1},
                "official": True,
                "accepted": True,
            },
            {
                "author": "luka_p",
                "body": "Nov televizor je prišel danes, brez poškodb, starega so odpeljali. Hvala.",
                "hours_after": 80,
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
            "review": "Ko se je zadeve lotila podpora, je šlo hitro in brez izgovorov.",
            "would_return": True,
        },
    },
    {
        "key": "sl-11",
        "author": "maja_k",
        "category": "smart-home",
        "title": "Home Cam mi obvestilo o gibanju pošlje z 10-minutno zamudo",
        "body": """Kamera Brightwell Home Cam Outdoor je nad vhodnimi vrati. Obvestilo o gibanju dobim tudi **10–15 minut** po dogodku – včeraj je bil dostavljavec že zdavnaj mimo, ko je telefon zapiskal. Posnetek v aplikaciji ima pravilen čas, zamuja samo obvestilo.

Varčevanje z baterijo za aplikacijo sem izklopila, obvestila so dovoljena, kamera je s hubom povezana z "odlično" močjo signala.

Ima kdo podobno izkušnjo? Kamera, ki te o obisku obvesti čez četrt ure, ni ravno varnostna kamera.""",
        "desired_outcome": "explanation",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 1,
        "affected": [],
        "answers": [],
        "status": "open",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "sl-12",
        "author": "luka_p",
        "category": "repairs-warranty",
        "title": "Prenosnik BW Book 14 je na servisu že 43 dni, odgovora ni",
        "body": """Prenosnik BW Book 14 sem 20. februarja oddal v popravilo v garanciji (ne deluje polovica tipkovnice). Rekli so, da bo nazaj v 30 dneh.

Danes je 43. dan. Stanje na [sledenju servisa](https://shop.brightwell.example/service) je od začetka enako: "Čaka na rezervni del". Nadomestnega prenosnika nisem dobil, čeprav ga potrebujem za delo.

Če popravilo ni opravljeno v 45 dneh, imam po zakonu pravico do novega izdelka. To bi si želel, ne še enega tedna čakanja.""",
        "desired_outcome": "replacement",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 2,
        "affected": ["maja_k"],
        "answers": [
            {
                "author": "maja_k",
                "body": "Jaz sem v podobni situaciji napisala priporočeno pismo z zahtevo za zamenjavo in se sklicevala na 45-dnevni rok. Teden dni kasneje sem imela nov izdelek. Očitno samo telefon ni dovolj, papir pa zaleže.",
                "hours_after": 5,
                "votes": {"luka_p": 1},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "open",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
]
