"""Demo content: a fictional retailer, its customers and their complaints.

The demo company is Brightwell, an electronics and home-appliance retailer with an
online shop and stores in several European countries and in China. Complaints live in
one UTF-8 JSON file per language (``data/en.json``, ``de``, ``sv``, ``sl``, ``hu``,
``zh``), each a list of the objects described in ``docs/demo.md``. A file is read the
first time its complaints are asked for, then kept for the process. Only ``flask demo``
(and the benchmarks) import this package: the site's workers never read the prose.
"""

import json
from functools import cache
from importlib import resources

SITE_COMPANY = "Brightwell"

DEMO_PASSWORD = "redress-demo-2026"

CATEGORIES = [
    {
        "slug": "orders-delivery",
        "name": "Orders & delivery",
        "description": "Online orders, shipping, late or damaged parcels.",
    },
    {
        "slug": "kitchen-appliances",
        "name": "Kitchen appliances",
        "description": "Fridges, ovens, dishwashers, coffee machines and more.",
    },
    {
        "slug": "phones-tablets",
        "name": "Phones & tablets",
        "description": "Phones, tablets, accessories and the Brightwell app.",
    },
    {
        "slug": "billing-payments",
        "name": "Billing & payments",
        "description": "Invoices, refunds, double charges and instalment plans.",
    },
    {
        "slug": "repairs-warranty",
        "name": "Repairs & warranty",
        "description": "Warranty claims, repair times and service centres.",
    },
    {
        "slug": "stores-service",
        "name": "Stores & customer service",
        "description": "Staff, opening hours, phone lines and in-store experience.",
    },
    {
        "slug": "smart-home",
        "name": "Smart home",
        "description": "Brightwell Home hub, lights, plugs, cameras and their app.",
    },
]

# username, e-mail, the language they usually write in
MEMBERS = [
    ("jamie_r", "jamie.r@example.com", "en"),
    ("priya-n", "priya.n@example.com", "en"),
    ("tom_baker", "tom.baker@example.com", "en"),
    ("lena_m", "lena.m@example.de", "de"),
    ("jonas_w", "jonas.w@example.de", "de"),
    ("erik_l", "erik.l@example.se", "sv"),
    ("sara_j", "sara.j@example.se", "sv"),
    ("maja_k", "maja.k@example.si", "sl"),
    ("luka_p", "luka.p@example.si", "sl"),
    ("zsofi_b", "zsofi.b@example.hu", "hu"),
    ("bence_t", "bence.t@example.hu", "hu"),
    ("wang_li", "wang.li@example.cn", "zh"),
    ("chen_yu", "chen.yu@example.cn", "zh"),
]

# username, e-mail, role; staff answer in every language
STAFF = [
    ("nina_support", "nina@brightwell.example", "staff"),
    ("oskar_support", "oskar@brightwell.example", "staff"),
    ("admin", "admin@brightwell.example", "admin"),
]

LANGUAGES = ("en", "de", "sv", "sl", "hu", "zh")


# The prose sits beside this module, so it is found from any working directory.
DATA = resources.files(__name__) / "data"


@cache
def complaints(lang):
    """The demo complaints written in ``lang``, read from ``data/<lang>.json`` once."""
    return json.loads((DATA / f"{lang}.json").read_text(encoding="utf-8"))


def all_complaints():
    """Every demo complaint, with its ``lang`` filled in from the file it lives in."""
    return [{"lang": lang, **item} for lang in LANGUAGES for item in complaints(lang)]
