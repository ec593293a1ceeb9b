# gen.py - writes the hostile inputs of tests/hostile/run.sh into a
# directory, at test time (nothing big is committed).  Usage:
#   python3 gen.py DIR [SCALE]   SCALE (default 1.0) multiplies the big sizes
import os
import sys

out = sys.argv[1]
scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
MB = 1024 * 1024
SENT = "Marta Kovalenko met Daniel Osei in Vienna. "


def w(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def sized(unit, n):
    """unit repeated to exactly n bytes (unit is bytes)"""
    return (unit * (n // len(unit) + 1))[:n]


S = SENT.encode()
# ---- encoding
w("invalid-utf8.txt", S + b"Caf\xe9 \xff\xfe stray \x80 truncated \xe2\x82\n")
w("overlong.txt", S + b"slash \xc0\xaf nul \xc0\x80 \xe0\x80\xaf \xf0\x80\x80\xaf\n")
w("surrogates.txt", S + b"high \xed\xa0\x80 low \xed\xbf\xbf pair \xed\xa0\xbd\xed\xb8\x80\n")
w("over-10ffff.txt", S + b"\xf4\x90\x80\x80 \xf8\x88\x80\x80\x80\n")
w("nul-bytes.txt", b"Marta Kovalenko\x00met Daniel Osei.\n")
w("bom-utf8.txt", b"\xef\xbb\xbf" + S + b"\n")
w("utf16le-bom.txt", (SENT + "Zoë Müller joined Acme Corp.\n").encode("utf-16-le").join([b"\xff\xfe", b""]))
w("utf16be-bom.txt", b"\xfe\xff" + (SENT + "Zoë Müller joined Acme Corp.\n").encode("utf-16-be"))
w("utf16le-nobom.txt", (SENT + "\n").encode("utf-16-le"))
w("utf32le-bom.txt", b"\xff\xfe\x00\x00" + (SENT + "\n").encode("utf-32-le"))
w("control-chars.txt", S + bytes(range(1, 32)).replace(b"\n", b"") + b"\x7f \xc2\x85 \xc2\x9f end\r\nCRLF\rCR\n")
w("bidi.txt", "Marta \u202eKovalenko\u202c met \u2067Daniel Osei\u2069 in \u200fVienna\u200e. \u202dAcme\u202c Corp.\n")
w("zero-width.txt", "Marta\u200b Kovalenko met Dan\u200ciel\u200d Osei\ufeff in Vie\u2060nna.\n")
w("combining.txt", "Mar\u0301ta Kovalenko\u0308\u0308\u0308 met Z" + "\u0335" * 500 + "algo Osei in Vienna.\n")
w("emoji-zwj.txt", "Marta Kovalenko \U0001F469\u200D\U0001F4BB met Daniel Osei \U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466 in Vienna \U0001F1E6\U0001F1F9.\n")
# ---- size and shape
w("empty.txt", b"")
w("whitespace.txt", b" \t\n\r\n\f\v   \n\n\n" * 1000)
w("long-line.txt", sized(S + b"Acme Corp hired John Smith as chief executive. ", int(20 * MB * scale)))
w("big-token.txt", b"Marta Kovalenko met " + sized(b"abcdefghij", int(5 * MB * scale)) + b" in Vienna.\n")
w("no-spaces.txt", sized(b"MartaKovalenkometDanielOsei.", int(1 * MB * scale)))
w("nested-brackets.txt", b"Acme Corp " + b"([{" * 33334 + b" Marta Kovalenko " + b"}])" * 33334 + b"\n")
w("list-20000.txt", "The signatories were " + ", ".join("%s%s Corp" % (chr(65 + i % 26), i) for i in range(20000)) + " and Globex Inc.\n")
w("capitalised-run.txt", " ".join("Word%s" % chr(65 + i % 26) for i in range(200000)) + ".\n")
w("quotes-brackets.txt", ('"Marta" (Kovalenko) [met] {Daniel} \u201cOsei\u201d \u00abin\u00bb \'Vienna\' "(" ) " \u2018 ] " ' * 5000) + "\n")
w("rdf-hazards.txt", 'Marta "Kovalenko\\" met Daniel <Osei> {of} Acme|Corp^^xsd:string in Vi\\u0000enna\\n. '
  'John "Q" Smith, chief executive of Acme<script> Corp\\, said "We \\"will\\" open <http://x> {a} plant". '
  'Bob \x01Tab\tBar^Baz, head of Foo|Bar "Corp", met Carol <Ann> Brown.\n')
# ---- HTML / XML
w("broken.html", '<html><head><title>Acme <b>news</title><body><p>Marta Kovalenko met <i>Daniel Osei <p>in Vienna.</div></span><p attr="x>Acme Corp</p><!-- unclosed comment <p>tail')
w("deep.html", "<html><body>" + "<div>" * 50000 + "<p>Marta Kovalenko met Daniel Osei in Vienna.</p>" + "</div>" * 50000 + "</body></html>")
w("deep-unclosed.html", "<html><body>" + "<span><b>" * 25000 + "Marta Kovalenko met Daniel Osei in Vienna.")
w("script-style.html", "<html><head><style>p{content:'Evil Corp hired Bad Guy'}</style><script>var s='John Smith met Jane Doe in Paris.';</script></head>"
  "<body><h1>Talks</h1><p>Marta Kovalenko met Daniel Osei in Vienna.</p><script>document.write('Mallory Corp')</script><noscript>x</noscript></body></html>")
w("entities.html", "<html><body><p>Marta Kovalenko &#99999999; &#x110000; &#0; &#xD800; &#55296; &bogus; &amp;&lt;&gt; &#x1F600; met Daniel Osei in Vienna.</p></body></html>")
lol = '<?xml version="1.0"?>\n<!DOCTYPE html [\n <!ENTITY lol "lol">\n'
prev = "lol"
for i in range(1, 10):
    lol += ' <!ENTITY lol%d "%s">\n' % (i, ("&%s;" % prev) * 10)
    prev = "lol%d" % i
lol += ']>\n<html><body><p>Marta Kovalenko met Daniel Osei in Vienna. &lol9;</p></body></html>\n'
w("billion-laughs.html", lol)
w("billion-laughs.xhtml", lol.replace("<html>", '<html xmlns="http://www.w3.org/1999/xhtml">'))
w("xxe.html", '<?xml version="1.0"?>\n<!DOCTYPE html [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY % pe SYSTEM "file:///etc/passwd"> %pe; ]>\n'
  '<html><body><p>Marta Kovalenko met Daniel Osei in Vienna. &xxe;</p><p>Root: &xxe;</p></body></html>\n')
w("xxe-dtd.html", '<!DOCTYPE html SYSTEM "file:///etc/passwd"><html><body><p>Marta Kovalenko met Daniel Osei. <img src="file:///etc/passwd"></p></body></html>\n')
w("xinclude.html", '<html xmlns:xi="http://www.w3.org/2001/XInclude"><body><p>Marta Kovalenko met Daniel Osei.</p><xi:include href="file:///etc/passwd" parse="text"/></body></html>\n')
