"""Demo complaints written in Hungarian."""

COMPLAINTS = [
    {
        "key": "hu-01",
        "author": "zsofi_b",
        "category": "kitchen-appliances",
        "title": "ThermoChef 60 beépíthető sütő: F3 hibakód, három hete nem tudunk sütni",
        "body": """Tavaly novemberben vettük a Brightwell ThermoChef 60 beépíthető sütőt az Árkád áruházban. Múlt hónap elején sütés közben hirtelen kikapcsolt, a kijelzőn **F3** hibakód villog, azóta be sem melegszik.

Amit eddig csináltam:
- lekapcsoltam és visszakapcsoltam a kismegszakítót,
- fél napra áramtalanítottam,
- megnéztem a kézikönyvet: az F3 a hőmérséklet-érzékelő hibája, vagyis nem nálam van a megoldás.

Bejelentettem a garanciális javítást, kaptam egy ügyszámot, és azóta semmi. Két gyerekkel három hete mikróban és serpenyőben főzünk. Szeretném végre tudni, mikor jön ki szerelő.""",
        "desired_outcome": "repair",
        "rating": 2,
        "review": "Maga a sütő jó volt, amíg működött, de a szervizre várni kész rémálom.",
        "private_details": "Ügyszám: SZ-2026-03391, tel.: +36 30 555 1289",
        "days_ago": 21,
        "affected": ["bence_t", "lena_m"],
        "answers": [
            {
                "author": "oskar_support",
                "body": """Kedves Zsófi! Köszönöm, hogy megírta, és őszintén elnézést kérek – három hét sütő nélkül, két gyerekkel, valóban nem elfogadható.

Az ügyszám alapján a bejelentés elakadt a szervizpartnernél, ezt most közvetlenül hozzájuk eszkaláltam. A szerelő a hőérzékelőt már magával viszi, hogy ne kelljen kétszer kijönnie. Az időpont egyeztetése miatt **2 munkanapon belül** hívni fogják a privát adatoknál megadott számon.

Jövő szerdán ránézek, megtörtént-e a javítás, és itt is jelentkezem.""",
                "hours_after": 9,
                "votes": {"bence_t": 1, "zsofi_b": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "bence_t",
                "body": "Nálunk egy másik márkájú sütővel ugyanez volt: a szerviz elsőre csak „felmérni” jött ki, és csak utána rendelte meg az alkatrészt. Érdemes rákérdezni, hogy tényleg hozzák-e az érzékelőt, különben újabb két hét.",
                "hours_after": 30,
                "votes": {"zsofi_b": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "zsofi_b",
                "body": "Felhívtak, csütörtökre kaptam időpontot, és megerősítették, hogy az alkatrész megvan. Majd jelentkezem, sikerült-e.",
                "hours_after": 75,
                "votes": {},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "in_progress",
        "promised_in_days": 25,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "hu-02",
        "author": "bence_t",
        "category": "orders-delivery",
        "title": "A futár nem is csöngetett, mégis „sikertelen kézbesítés” – a csomag visszament",
        "body": """Szerdán egész nap itthon dolgoztam, a kaputelefon működik, a telefonom be volt kapcsolva. Délután 15:42-kor mégis jött az SMS: „Sikertelen kézbesítés, a címzett nem volt elérhető.” Gratulálok.

A csomagban egy BW Buds Pro fülhallgató és egy töltő volt, összesen 38 990 Ft. A futárcég szerint a második kísérlet után a csomag automatikusan visszamegy a feladóhoz. A második kísérlet – meglepetés – pontosan ugyanígy zajlott le péntek délelőtt.

Most a [rendeléseim oldalán](https://shop.brightwell.example/orders) az áll, hogy „Visszaküldés folyamatban”. Nem a pénzemet kérem vissza, hanem a fülhallgatót szeretném megkapni, lehetőleg csomagautomatába.""",
        "desired_outcome": "other",
        "rating": None,
        "review": None,
        "private_details": "Rendelésszám: BW-2026-221087",
        "days_ago": 5,
        "affected": ["zsofi_b", "maja_k", "jamie_r"],
        "answers": [
            {
                "author": "zsofi_b",
                "body": "Sajnos ismerős. Én azóta minden rendelésnél csomagautomatát választok, ott legalább nem tudnak úgy tenni, mintha nem lettem volna otthon. Ha még nem ért vissza a raktárba, kérd a futárcégnél, hogy irányítsák át egy automatába – nálam egyszer sikerült.",
                "hours_after": 3,
                "votes": {"bence_t": 1, "maja_k": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "nina_support",
                "body": "Kedves Bence! Köszönjük, hogy jelezte, és elnézést kérünk a bosszúságért. Amint a csomag visszaér a raktárba (általában 2–3 munkanap), díjmentesen újra feladjuk az Ön által választott csomagautomatába. Kérem, a privát adatok közé írja be, melyik automatát szeretné – a rendelésszámot már látom, ide nem kell kiírni. A hamis kézbesítési kísérletet a futárcégnél is jeleztük.",
                "hours_after": 20,
                "votes": {"bence_t": 1, "zsofi_b": 1},
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
        "key": "hu-03",
        "author": "zsofi_b",
        "category": "billing-payments",
        "title": "0% THM-es részletfizetés, mégis kamatot vonnak le minden hónapban",
        "body": """A Brightwell CoolMax 320 hűtőt „12 havi kamatmentes részletre” vettem meg januárban, 299 990 Ft-ért. Az akciós plakát és a pénztárnál kapott szórólap is 0% THM-et írt.

A harmadik havi kivonatnál vettem észre, hogy a törlesztőrészlet nem 24 999 Ft, hanem **26 412 Ft**. A hitelező szerint ez ügyleti kamat, mert a szerződés nem az akciós konstrukcióval készült. A szerződést a boltban az eladó töltötte ki, én csak aláírtam, abban bízva, hogy azt kapom, amit hirdettek.

Kérem:
1. a szerződés javítását az akciós feltételekre,
2. a már kifizetett kamat visszautalását.""",
        "desired_outcome": "refund",
        "rating": 1,
        "review": "A hirdetés és a szerződés nem egyezik. Ez nem apró elírás, hanem megtévesztés.",
        "private_details": "Hitelszerződés: RH-7781244, vásárlás: Westend áruház, 2026. január 11.",
        "days_ago": 30,
        "affected": ["bence_t"],
        "answers": [
            {
                "author": "bence_t",
                "body": "Ha a szórólap még megvan, vagy lefotóztad a plakátot, az nagyon sokat számít. Ha nem rendeződik, a Pénzügyi Békéltető Testülethez is lehet fordulni, és ingyenes.",
                "hours_after": 12,
                "votes": {"zsofi_b": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "nina_support",
                "body": """Kedves Zsófi! Köszönöm a részletes leírást, és őszintén sajnálom, hogy ilyen helyzetbe került. Ha az akció idején vásárolt, Önnek a kamatmentes konstrukció jár.

A szerződést továbbítottam a pénzügyi partnerünknek és a Westend áruház vezetőjének, hogy kiderüljön, miért rossz konstrukció került rögzítésre. A vizsgálat várhatóan **10 munkanapig** tart, utána a különbözetet visszautaljuk, és a következő hónaptól már a helyes részletet vonják le.

Addig kérem, a törlesztést ne állítsa le, nehogy késedelem keletkezzen. A szórólap fotóját a privát adatoknál csatolhatja.""",
                "hours_after": 26,
                "votes": {"zsofi_b": 1, "bence_t": 1},
                "official": True,
                "accepted": False,
            },
        ],
        "status": "acknowledged",
        "promised_in_days": 40,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "hu-04",
        "author": "bence_t",
        "category": "phones-tablets",
        "title": "BW Phone 12: a 4.2-es frissítés óta délutánra lemerül az akku",
        "body": """A 4.2-es rendszerfrissítés óta (kb. két hete) a BW Phone 12-m reggel 7-kor 100%-on van, délután 3-ra pedig 10% alatt. Előtte simán kibírt egy napot, sőt este is maradt 30%.

A Beállítások → Akkumulátor menü szerint a „Rendszerszolgáltatások” viszik el a 40%-ot. Újraindítottam, töröltem a gyorsítótárat, a legtöbb alkalmazásnál kikapcsoltam a háttérfrissítést. Gyári visszaállítást nem szeretnék, ha nem muszáj.

Másnál is ez van? Van erről hivatalos infó?""",
        "desired_outcome": "explanation",
        "rating": 2,
        "review": "A telefon egyébként jó, de egy frissítés ne tegye tönkre az akkumulátort.",
        "private_details": None,
        "days_ago": 14,
        "affected": ["zsofi_b", "priya-n", "jonas_w", "luka_p"],
        "answers": [
            {
                "author": "zsofi_b",
                "body": "Nálam is ez volt. Ami segített: Beállítások → Helymeghatározás → „Pontosság javítása” kikapcsolva. A 4.2 valamiért folyamatosan wifihálózatokat keres a háttérben. Nem tökéletes, de estig kibírja.",
                "hours_after": 6,
                "votes": {"bence_t": 1, "luka_p": 1, "priya-n": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "bence_t",
                "body": "Kikapcsoltam, tényleg jobb, este 8-ig bírja. Köszi! A hivatalos javítást azért várom.",
                "hours_after": 29,
                "votes": {},
                "official": False,
                "accepted": False,
            },
            {
                "author": "oskar_support",
                "body": "Kedves Bence, köszönjük a jelzést, és a többieknek is a megerősítést. A fejlesztők azonosították a hibát a 4.2-ben: a wifikeresés képernyőzár alatt sem áll le. A javítás a 4.2.1-es frissítésben érkezik, amelynek kiadását a jövő hónap elejére tervezik. Addig Zsófi megoldását ajánljuk; gyári visszaállításra nincs szükség.",
                "hours_after": 50,
                "votes": {"bence_t": 1, "zsofi_b": 1},
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
        "key": "hu-05",
        "author": "zsofi_b",
        "category": "smart-home",
        "title": "A Home hub éjszakai frissítése után eltűnt az összes automatizmusom",
        "body": """Tegnap éjjel a Brightwell Home hub magától frissült (3.8.0). Reggelre eltűnt mind a **14 automatizmusom**: a redőny nem ment fel, a folyosói lámpa nem kapcsolt be mozgásra, a fűtés időzítése sincs meg. Az eszközök megvannak, csak a szabályok tűntek el.

Újraindítottam a hubot és az alkalmazást, kijelentkeztem és vissza. Semmi.

Hónapokig állítgattam ezeket, nem szeretném kézzel újra felvinni. Van valahol mentés?""",
        "desired_outcome": "repair",
        "rating": 2,
        "review": "Egy okosotthonnál az a minimum, hogy egy frissítés ne törölje a beállításokat.",
        "private_details": None,
        "days_ago": 52,
        "affected": ["bence_t", "maja_k", "sara_j", "wang_li", "tom_baker", "erik_l"],
        "answers": [
            {
                "author": "bence_t",
                "body": "Nálam is! Hat automatizmus tűnt el, hajnalban sötétben botorkáltunk a folyosón.",
                "hours_after": 2,
                "votes": {"zsofi_b": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "nina_support",
                "body": """Kedves Zsófi! Köszönjük a gyors jelzést, és elnézést kérünk: a 3.8.0 egyes hubokon hibásan vitte át az automatizmusokat. A frissítés kiküldését leállítottuk. Az automatizmusok nem vesztek el, a felhőben van róluk mentés.

A visszaállítás menete:
1. Alkalmazás → **Beállítások → Hub → Biztonsági mentések**,
2. válassza a tegnapi, frissítés előtti dátumot,
3. **Visszaállítás** – a hub újraindul, kb. 3 perc.

Ha nem jelenik meg mentés, írja meg, és távolról állítjuk vissza. Holnap délelőtt ellenőrzöm, mindenkinek sikerült-e.""",
                "hours_after": 5,
                "votes": {"zsofi_b": 1, "bence_t": 1, "maja_k": 1, "sara_j": 1},
                "official": True,
                "accepted": True,
            },
            {
                "author": "zsofi_b",
                "body": "Megvan mind a 14! Köszönöm, ez gyors volt.",
                "hours_after": 6,
                "votes": {},
                "official": False,
                "accepted": False,
            },
            {
                "author": "bence_t",
                "body": "Nálam is működött. Egy ötlet: a mentéseket nem ártana kicsit láthatóbb helyre tenni az alkalmazásban, magamtól sosem találtam volna meg.",
                "hours_after": 8,
                "votes": {"zsofi_b": 1},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "resolved",
        "promised_in_days": None,
        "resolution_confirmed": True,
        "revised_rating": {
            "rating": 4,
            "review": "Hiba volt, de órákon belül jött a megoldás, világos útmutatóval. Így kell kezelni egy ilyet.",
            "would_return": True,
        },
    },
    {
        "key": "hu-06",
        "author": "bence_t",
        "category": "stores-service",
        "title": "45 perc várakozás az ügyfélszolgálaton, aztán bontották a vonalat",
        "body": """Kedden 10:05-kor hívtam az ügyfélszolgálatot egy egyszerű kérdéssel: átvehetem-e a rendelésemet egy másik áruházban. Gépi menü, 3-as gomb, aztán **45 perc** zene. 10:51-kor egy kattanás, és vége. Visszahívtam, a gép szerint „a várakozási idő 30 perc felett van”.

Utána a chattel próbálkoztam: a chatbot háromszor felajánlotta a GYIK-et, élő ügyintézőhöz nem kapcsolt.

Nem nagy ügy a kérdés, de elég szomorú, hogy egy ekkora cégnél nem lehet elérni senkit.""",
        "desired_outcome": "apology",
        "rating": 1,
        "review": "Elérhetetlen ügyfélszolgálat. A kérdésemre végül egy másik vásárlótól kaptam választ.",
        "private_details": None,
        "days_ago": 97,
        "affected": ["zsofi_b", "jamie_r", "lena_m", "maja_k", "wang_li"],
        "answers": [
            {
                "author": "zsofi_b",
                "body": "A chatben ha kétszer egymás után beírod, hogy „ügyintéző”, átkapcsol. Nem szép megoldás, de működik. A kérdésedre pedig: igen, a rendelés oldalán módosítható az átvételi áruház, amíg a rendelés nincs „összekészítve” állapotban.",
                "hours_after": 4,
                "votes": {"bence_t": 1, "jamie_r": 1},
                "official": False,
                "accepted": True,
            },
            {
                "author": "oskar_support",
                "body": "Kedves Bence! Köszönjük, hogy megírta, és elnézést kérünk a várakozásért és a megszakadt hívásért. Aznap délelőtt a telefonrendszer hibája miatt a sorban várakozók egy része kiesett – Ön is ezt tapasztalta. A hibát kijavították, a chatben pedig már az első üzenet után megjelenik a „Beszélnék egy ügyintézővel” gomb. Zsófi tájékoztatása az átvételi áruház módosításáról pontos.",
                "hours_after": 22,
                "votes": {"zsofi_b": 1},
                "official": True,
                "accepted": False,
            },
        ],
        "status": "closed",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": {
            "rating": 2,
            "review": "Legalább elmagyarázták, mi történt, és a chat azóta tényleg használhatóbb.",
            "would_return": True,
        },
    },
    {
        "key": "hu-07",
        "author": "zsofi_b",
        "category": "repairs-warranty",
        "title": "WashPro 8 mosógép: harmadszor nem jött ki a szerelő a megbeszélt időpontban",
        "body": """Brightwell WashPro 8 elöltöltős mosógép, 14 hónapos, garanciális. Centrifugáláskor iszonyú hangos, mintha köveket mosnék, 1000-es fordulatnál pedig elindul a fürdőszobában.

A garanciális javításra eddig **háromszor** kaptam időpontot:
- március 3., 8–12: nem jött senki,
- március 10., 12–16: délben SMS, hogy elmarad,
- március 18., 8–12: nem jött senki, és a szerviz telefonját sem vette fel senki.

Mindháromszor szabadságot vettem ki. A mosógép cseréjét kérem, vagy legalább egy olyan időpontot, amelyet be is tartanak.""",
        "desired_outcome": "replacement",
        "rating": 1,
        "review": "Háromszor vettem ki szabadságot feleslegesen. Így a garancia semmit sem ér.",
        "private_details": "Ügyszám: SZ-2026-02210, Debrecen, Piac utca, tel.: +36 20 418 7730",
        "days_ago": 60,
        "affected": ["bence_t", "jonas_w"],
        "answers": [
            {
                "author": "nina_support",
                "body": "Kedves Zsófi! Köszönöm, hogy ilyen pontosan leírta, és őszintén elnézést kérek. Három elmaradt időpont után teljesen érthető, hogy elfogyott a türelme. Az ügyet elvettem a szervizpartnertől: a debreceni áruházunk saját technikusa megy ki Önhöz, az időpontot ma délután telefonon egyeztetik. Ha a hiba a csapágy (a leírás alapján valószínű), a javítást a helyszínen elvégzik, ha nem, cserét kezdeményezünk. Holnap jelentkezem.",
                "hours_after": 8,
                "votes": {"zsofi_b": 1, "bence_t": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "zsofi_b",
                "body": "Kijött a technikus, csapágycsere volt, azóta csendes a gép. Köszönöm.",
                "hours_after": 100,
                "votes": {},
                "official": False,
                "accepted": False,
            },
            {
                "author": "zsofi_b",
                "body": """Sajnos újranyitom. Öt hét után **ugyanaz a hang**, és centrifugáláskor megint mozog a gép.

Nem kérek negyedik szerelői időpontot. A cserét kérem, ahogy már az első bejegyzésemben is.""",
                "hours_after": 1150,
                "votes": {"bence_t": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "bence_t",
                "body": "Ha a javítás nem sikerült, a Ptk. szerint már jogod van cseréhez vagy elálláshoz. Ezt nyugodtan írd bele a levélbe is.",
                "hours_after": 1160,
                "votes": {"zsofi_b": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "nina_support",
                "body": "Kedves Zsófi, nagyon sajnálom, hogy a javítás nem tartott. Igaza van: ebben a helyzetben cserét kérhet, és ezt nem kötjük újabb szerelői vizsgálathoz. A cserekérelmet beadtam, az áruház 3 munkanapon belül hívja a kiszállítás időpontjával; a régi gépet ugyanakkor elviszik.",
                "hours_after": 1175,
                "votes": {"zsofi_b": 1},
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
        "key": "hu-08",
        "author": "bence_t",
        "category": "billing-payments",
        "title": "Ők törölték a rendelést, a pénzt három hete mégsem kapom vissza",
        "body": """Február 20-án rendeltem egy Brightwell CleanBot S5 robotporszívót 119 990 Ft-ért, kártyával fizettem. Két nappal később e-mailt kaptam, hogy a termék „nem elérhető”, a rendelést törölték, a visszatérítés 5–8 munkanapon belül megérkezik.

Ez **három hete** volt. A bank szerint a tranzakció teljesült, nem zárolás, visszautalás pedig nem indult. Az ügyfélszolgálaton kétszer mondták, hogy „továbbították a pénzügynek”.

Nem én álltam el a vásárlástól, hanem a Brightwell nem tudta teljesíteni. Ilyenkor szerintem a minimum, hogy a pénz azonnal visszajöjjön.""",
        "desired_outcome": "refund",
        "rating": 1,
        "review": "Se termék, se pénz. A törlés két napig tartott, a visszautalás három hét után sincs meg.",
        "private_details": "Rendelés: BW-2026-190455, kártya utolsó 4 számjegye: 8812",
        "days_ago": 16,
        "affected": ["zsofi_b", "luka_p", "sara_j"],
        "answers": [
            {
                "author": "oskar_support",
                "body": "Kedves Bence! Köszönöm, hogy jelezte, és elnézést kérek. Teljesen igaza van: ha mi nem tudunk teljesíteni, a visszatérítésnek azonnal el kell indulnia. Ellenőriztem: a visszautalás egy tranzakcióazonosító-hiba miatt elakadt a fizetési szolgáltatónál. Kézzel újraindítottuk, a pénznek **5 munkanapon belül** meg kell érkeznie. Ha addig nem látja, írjon ide, és elküldöm a banki visszaigazolást (ARN-számot) is.",
                "hours_after": 4,
                "votes": {"bence_t": 1, "zsofi_b": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "bence_t",
                "body": "Nyolc nap, pénz sehol. Kérem az ARN-számot, ahogy ígérte.",
                "hours_after": 200,
                "votes": {"zsofi_b": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "oskar_support",
                "body": "Kedves Bence, elnézést, hogy ismét várnia kell. Az ARN-számot elküldtem e-mailben, ezzel a bankja nyomon tudja követni az összeget. A fizetési szolgáltató szerint a jóváírás 1–2 munkanapon belül látszik a banknál. Csütörtökön újra ellenőrzöm, és ide is megírom az eredményt.",
                "hours_after": 215,
                "votes": {"bence_t": -1},
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
        "key": "hu-09",
        "author": "zsofi_b",
        "category": "orders-delivery",
        "title": "Fekete kávéfőzőt rendeltem, egy fehér kenyérpirítót kaptam",
        "body": """Rendeltem: Brightwell Espresso 15 kávéfőző, fekete. Érkezett: egy fehér Brightwell kenyérpirító, a dobozon az én címkémmel. A szállítólevélen is a kávéfőző szerepel, úgyhogy gondolom, a raktárban cserélődtek el a címkék.

Szeretném, ha a kávéfőzőt elküldenék, a pirítót pedig elvinnék. Postára nem szeretnék menni vele, mert a hibát nem én követtem el.""",
        "desired_outcome": "exchange",
        "rating": 3,
        "review": "Bosszantó tévedés, de gyorsan rendbe tették.",
        "private_details": "Rendelésszám: BW-2026-176320",
        "days_ago": 45,
        "affected": [],
        "answers": [
            {
                "author": "nina_support",
                "body": "Kedves Zsófi! Köszönjük a fotót és a leírást, és elnézést kérünk a tévesztésért. A kávéfőzőt még ma feladjuk, a futár **holnapután** viszi ki, és ugyanakkor elviszi a pirítót – Önnek csak vissza kell csomagolnia. A szállítás mindkét irányban ingyenes. A rendelésszámot a privát adatoknál látom, ide nem kell kiírni.",
                "hours_after": 3,
                "votes": {"zsofi_b": 1},
                "official": True,
                "accepted": True,
            },
            {
                "author": "zsofi_b",
                "body": "Megjött a kávéfőző, a pirítót elvitték. Köszönöm a gyors intézést.",
                "hours_after": 54,
                "votes": {},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "resolved",
        "promised_in_days": None,
        "resolution_confirmed": True,
        "revised_rating": {
            "rating": 5,
            "review": "Két nap alatt minden rendben volt, egyetlen telefont sem kellett intéznem.",
            "would_return": True,
        },
    },
    {
        "key": "hu-10",
        "author": "bence_t",
        "category": "smart-home",
        "title": "Az okosizzók hajnali 3-kor maguktól teljes fényerőre kapcsolnak",
        "body": """A hálószobában két Brightwell Home Bulb színes izzó van. Az elmúlt héten háromszor fordult elő, hogy hajnali 3 körül **teljes fényerőn** bekapcsoltak. Semmilyen automatizmus vagy időzítés nincs rájuk beállítva (ellenőriztem), az alkalmazás naplója szerint „manuális bekapcsolás – hub”.

Áramszünet nem volt, a hubot nem nyomkodja senki éjjel.

A feleségem közölte, hogy vagy megoldom, vagy visszatérünk a régi villanykapcsolóhoz.""",
        "desired_outcome": "explanation",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 4,
        "affected": ["zsofi_b"],
        "answers": [],
        "status": "open",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "hu-11",
        "author": "zsofi_b",
        "category": "kitchen-appliances",
        "title": "InduFlex 4 főzőlap: a bal első zónán csak „U” villog, nem melegít",
        "body": """Két hete szereltettük be a Brightwell InduFlex 4 indukciós főzőlapot. Három zóna hibátlan, de a bal elsőn (a nagy, 21 cm-es) bármit teszek fel, csak egy **„U”** betű villog, és nem melegít.

A kézikönyv szerint ez azt jelenti, hogy „nem megfelelő edény”, de ugyanaz a lábas a jobb hátsó zónán tökéletesen működik.

Nem szeretném, hogy kijöjjenek és szétszedjék a pultot, ha nem muszáj. Van ötletetek?""",
        "desired_outcome": "repair",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 34,
        "affected": [],
        "answers": [
            {
                "author": "bence_t",
                "body": "Nem lehet, hogy a lábas alja kisebb, mint amit a zóna kér? A nagy zónák gyakran legalább 14–15 cm **ferromágneses** alapot igényelnek, a kicsik beérik kevesebbel. Nézd meg egy mágnessel: sok lábasnál csak a közepe mágneses, a széle alumínium.",
                "hours_after": 7,
                "votes": {"zsofi_b": 1},
                "official": False,
                "accepted": True,
            },
            {
                "author": "zsofi_b",
                "body": "Ez volt az! A lábas alja 18 cm, de a mágnes csak a középső 12 cm-en tapad. A nagy serpenyővel működik a zóna. Azért a kézikönyvbe beleírhatnák a minimális méretet.",
                "hours_after": 26,
                "votes": {"bence_t": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "oskar_support",
                "body": "Kedves Zsófi, köszönjük a visszajelzést, és Bencének is a segítséget. A zónánkénti minimális edényméret a kézikönyv 14. oldalán szerepel, de igaza van, nehéz megtalálni. Továbbítottuk a javaslatot, hogy a rövid útmutatóba is kerüljön bele.",
                "hours_after": 30,
                "votes": {"zsofi_b": 1},
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
        "key": "hu-12",
        "author": "bence_t",
        "category": "phones-tablets",
        "title": "Az alkalmazásban nem tudom elmenteni a bankkártyát, mindig „Hiba 402”",
        "body": """Friss telepítés, Brightwell alkalmazás 6.1.3, BW Phone 12. A Profil → Fizetési módok alatt megadom a kártyát, jön a bank jóváhagyása, jóváhagyom, aztán: „Hiba 402. Próbálja újra később.”

Két napja próbálom, két különböző kártyával (OTP és Revolut), wifin és mobilneten is. A weboldalon ugyanezek a kártyák gond nélkül működnek.""",
        "desired_outcome": "explanation",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 0,
        "affected": [],
        "answers": [],
        "status": "open",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
]
