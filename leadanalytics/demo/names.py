"""Word lists of the synthetic agency: Dutch names, places, clients and job titles.

Only data lives here; the generators draw from these lists with a seeded random generator.
"""

from __future__ import annotations

# (name as written, the same in plain ASCII for e-mail addresses)
FIRST_NAMES: tuple[tuple[str, str], ...] = (
    ("Anne", "anne"), ("Sanne", "sanne"), ("Lotte", "lotte"), ("Eva", "eva"), ("Fleur", "fleur"),
    ("Iris", "iris"), ("Marieke", "marieke"), ("Femke", "femke"), ("Joëlle", "joelle"),
    ("Ingrid", "ingrid"), ("Petra", "petra"), ("Ilse", "ilse"), ("Noor", "noor"),
    ("Renée", "renee"), ("Esther", "esther"), ("Karin", "karin"), ("Mirjam", "mirjam"),
    ("Daan", "daan"), ("Bram", "bram"), ("Jeroen", "jeroen"), ("Sander", "sander"),
    ("Thijs", "thijs"), ("Ruben", "ruben"), ("Pieter", "pieter"), ("Joost", "joost"),
    ("Maarten", "maarten"), ("Wouter", "wouter"), ("Koen", "koen"), ("Stijn", "stijn"),
    ("Erik", "erik"), ("Hans", "hans"), ("Gert-Jan", "gertjan"), ("Frédérique", "frederique"),
    ("Youssef", "youssef"), ("Fatima", "fatima"), ("Priya", "priya"), ("Mehmet", "mehmet"),
)

# (surname as written, ASCII without spaces for e-mail addresses)
SURNAMES: tuple[tuple[str, str], ...] = (
    ("de Jong", "dejong"), ("Jansen", "jansen"), ("de Vries", "devries"),
    ("van den Berg", "vandenberg"), ("van Dijk", "vandijk"), ("Bakker", "bakker"),
    ("Janssen", "janssen"), ("Visser", "visser"), ("Smit", "smit"), ("Meijer", "meijer"),
    ("de Boer", "deboer"), ("Mulder", "mulder"), ("de Groot", "degroot"), ("Bos", "bos"),
    ("Vos", "vos"), ("Peters", "peters"), ("Hendriks", "hendriks"), ("van Leeuwen", "vanleeuwen"),
    ("Dekker", "dekker"), ("Brouwer", "brouwer"), ("de Wit", "dewit"), ("Dijkstra", "dijkstra"),
    ("Smits", "smits"), ("de Graaf", "degraaf"), ("van der Meer", "vandermeer"),
    ("van der Linden", "vanderlinden"), ("Kok", "kok"), ("Jacobs", "jacobs"),
    ("de Haan", "dehaan"), ("Vermeulen", "vermeulen"), ("van den Heuvel", "vandenheuvel"),
    ("van der Veen", "vanderveen"), ("van den Broek", "vandenbroek"), ("de Bruijn", "debruijn"),
    ("Hoekstra", "hoekstra"), ("Kuipers", "kuipers"), ("Verhoeven", "verhoeven"),
    ("Schouten", "schouten"), ("Willems", "willems"), ("El Amrani", "elamrani"),
    ("Yılmaz", "yilmaz"), ("Ter Horst", "terhorst"), ("Huisman", "huisman"),
)

# Regions with their branches (cities). One city has sub-branches, so the tree has depth 3.
REGIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("NRD", "Regio Noord", ("Groningen", "Leeuwarden", "Assen", "Zwolle")),
    ("OST", "Regio Oost", ("Arnhem", "Nijmegen", "Enschede", "Apeldoorn")),
    ("ZUI", "Regio Zuid", ("Eindhoven", "Maastricht", "Den Bosch", "Breda", "Tilburg")),
    ("WST", "Regio West", ("Amsterdam", "Haarlem", "Den Haag", "Rotterdam", "Leiden")),
    ("MID", "Regio Midden", ("Utrecht", "Amersfoort", "Almere")),
)
# Branches with sub-branches (depth below the city branch).
SUB_BRANCHES: dict[str, tuple[str, ...]] = {
    "Amsterdam": ("Amsterdam Zuidas", "Amsterdam Centrum"),
}

# Client organisations: (kind, uses the city name)
CLIENT_KINDS: tuple[tuple[str, str], ...] = (
    ("Gemeente {city}", "gemeente{slug}.nl"),
    ("GGD {city}", "ggd{slug}.nl"),
    ("Hogeschool {city}", "hs{slug}.nl"),
    ("Woningcorporatie {city}", "wonen{slug}.nl"),
    ("Omgevingsdienst {city}", "od{slug}.nl"),
)
NATIONAL_CLIENTS: tuple[tuple[str, str], ...] = (
    ("Rijkswaterstaat", "rws.nl"), ("UWV", "uwv.nl"), ("Belastingdienst", "belastingdienst.nl"),
    ("Ministerie van Justitie en Veiligheid", "minjenv.nl"),
    ("Ministerie van Binnenlandse Zaken", "minbzk.nl"), ("Kadaster", "kadaster.nl"),
    ("Rijksvastgoedbedrijf", "rvb.nl"), ("DUO", "duo.nl"), ("CBS", "cbs.nl"),
    ("Provincie Utrecht", "provincie-utrecht.nl"), ("Provincie Noord-Holland", "noord-holland.nl"),
    ("Waterschap Rivierenland", "wsrl.nl"), ("Hoogheemraadschap Delfland", "hhdelfland.nl"),
)

# Job titles per business-unit position in the lookups (business units in lookups order).
TITLES_BY_UNIT_POSITION: tuple[tuple[str, ...], ...] = (
    ("Managementassistent", "Secretaresse directie", "Bestuurssecretaris",
     "Office manager", "Secretaresse <Team Jeugd & Onderwijs>"),
    ("Projectleider digitalisering", "Programmamanager energietransitie",
     "Projectsecretaris", "Projectleider huisvesting", "Adviseur informatiebeheer"),
    ("Communicatieadviseur", "Woordvoerder", "Online redacteur",
     "Strategisch communicatieadviseur", "Omgevingsmanager"),
    ("Jurist omgevingsrecht", "Jurist bezwaar en beroep", "Privacy officer",
     "Juridisch adviseur aanbesteden", "Jurist sociaal domein, \"Wmo\""),
)
