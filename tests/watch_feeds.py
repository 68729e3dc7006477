"""Feeds, pages and feed lists the watcher's tests serve, written here (our own articles)."""
from __future__ import annotations

from xml.sax.saxutils import escape

MANDERA = ("Gunmen killed six villagers and wounded four others in an attack on a cattle market in "
           "Mandera, Kenya, on Tuesday, police said. The attackers fled towards the border after the "
           "raid, a county official told reporters.")
DJIBO = ("Soldiers clashed with militants near Djibo in northern Burkina Faso on Monday, leaving eleven "
         "fighters dead, the army said in a statement. Two soldiers were wounded in the fighting.")
KISUMU = ("Police fired tear gas at hundreds of protesters demonstrating against fuel prices in Kisumu, "
          "Kenya, on Wednesday. Witnesses said about 30 people were arrested as the crowd tried to march "
          "on the county offices.")
BAIDOA = ("A roadside bomb struck a military convoy near Baidoa in Somalia's Bay region on Thursday, "
          "killing three soldiers, a local commander said. Al Shabaab claimed responsibility for the blast.")
BAIDOA_SUMMARY = "Three soldiers killed near Baidoa."


def rss(title: str, items: list[dict[str, str]]) -> bytes:
    """RSS 2.0; each item: guid, link, title, text, date (RFC 822)."""
    body = "".join(
        "<item>"
        f"<guid>{escape(i['guid'])}</guid><link>{escape(i.get('link', ''))}</link>"
        f"<title>{escape(i['title'])}</title><pubDate>{i['date']}</pubDate>"
        f"<description>{escape(i['text'])}</description>"
        "</item>" for i in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"{body}</channel></rss>").encode()


def atom(title: str, entries: list[dict[str, str]]) -> bytes:
    """Atom; each entry: id, link, title, summary, date (ISO)."""
    body = "".join(
        "<entry>"
        f"<id>{escape(e['id'])}</id><link rel=\"alternate\" href=\"{escape(e['link'])}\"/>"
        f"<title>{escape(e['title'])}</title><published>{e['date']}</published>"
        f"<summary>{escape(e['summary'])}</summary>"
        "</entry>" for e in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(title)}</title>{body}</feed>").encode()


def page(title: str, text: str) -> bytes:
    """An article page, with the menus and footer a news site has around the story."""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split(". ") if p)
    return (f"<!doctype html><html><head><title>{escape(title)}</title>"
            f'<meta property="og:site_name" content="Bay Radio"></head><body>'
            "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{escape(title)}</h1>{paragraphs}</article>"
            "<footer>Copyright Bay Radio. All rights reserved.</footer></body></html>").encode()


def opml(feeds: list[tuple[str, str, str]]) -> bytes:
    """An OPML subscription list: (url, title, country) per feed, in one folder."""
    outlines = "".join(f'<outline type="rss" text="{escape(t)}" title="{escape(t)}" xmlUrl="{escape(u)}"'
                       + (f' country="{escape(c)}"' if c else "") + "/>" for u, t, c in feeds)
    return (f'<?xml version="1.0"?><opml version="2.0"><head><title>Desk feeds</title></head>'
            f'<body><outline text="Conflict">{outlines}</outline></body></opml>').encode()


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><description>&lol3;</description></item></channel></rss>"""
MALFORMED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><description>x</channel></rss>'
