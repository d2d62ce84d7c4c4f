#!/bin/sh
# Rebuilds chars.txt (what it had, plus every CJK character of the code, the UI's catalogues and
# the sample) and the subset from it. Needs fonttools (pip install fonttools) and fonts-noto-cjk.
set -eu
cd "$(dirname "$0")"
python3 - <<'PY'
import pathlib, re
cjk = re.compile('[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]')
chars = set(open('chars.txt', encoding='utf-8').read().strip())
for folder in ['../../src', '../i18n', '../sample']:
    for path in pathlib.Path(folder).rglob('*'):
        if path.is_file():
            try:
                chars |= set(cjk.findall(path.read_text(encoding='utf-8')))
            except UnicodeDecodeError:
                pass
open('chars.txt', 'w', encoding='utf-8').write(''.join(sorted(chars)))
print(len(chars), 'characters')
PY
pyftsubset /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc --font-number=2 \
  --text-file=chars.txt --layout-features='' --no-hinting --desubroutinize --name-IDs='*' \
  --output-file=NotoSansCJKsc-Regular-subset.otf
ls -l NotoSansCJKsc-Regular-subset.otf
