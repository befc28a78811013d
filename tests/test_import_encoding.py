"""CSV files in legacy encodings are read as what they are, or refused: never stored garbled."""

import pytest

from okrdesk.cli import main
from okrdesk.engine.importer import SourceFileError, parse_rows, read_source
from okrdesk.engine.text_encoding import OFFERED, describe
from okrdesk.messages import translate

# Short, realistic files: what a facilitator exports from Excel on a Chinese, Western,
# Japanese, Taiwanese or Korean Windows ("CSV (Comma delimited)", not "CSV UTF-8").
LEGACY = [
    ("想法,作者\n降低获客成本,刘洋\n", "gb18030"),
    ("想法\n增长\n", "gb18030"),
    ("目标\n内容\n", "gb18030"),
    ("姓名\n王丽\n刘洋\n", "gb18030"),
    ("idea,author\nGrow MRR,王丽\n", "gb18030"),
    ("内容,提交人\n提高 NPS 到 45,张伟\n把客服满意度提升到95%，减少投诉,李娜\n", "gb18030"),
    ("想法,作者\n季度收入翻倍（不含一次性项目）,欧阳娜娜\n缩短交付周期到两周,陈静\n", "gb18030"),
    ("idea,author\nCrème brûlée,Amélie\nRéduire le délai de livraison,François\n", "cp1252"),
    ("idea,author\nCrème brûlée,Ana\n", "cp1252"),
    (
        "Idee,Autor\nKundenzufriedenheit erhöhen,Jürgen Müller\nGrößere Märkte erschließen,Björn\n",
        "cp1252",
    ),
    ("idea\nÜbergrößen\n", "cp1252"),
    ("idea;author\n“Win” – the mid-market…;Zoë\n", "cp1252"),
    ("idea,author\n顧客満足度を向上させる,田中太郎\n新しい市場に進出する,佐藤花子\n", "cp932"),
    ("idea,author\n売上を伸ばす,山田\n", "cp932"),
    ("想法,作者\n提高客戶續約率,王麗\n降低獲客成本,劉洋\n", "cp950"),
    ("idea,author\n提高續約率,陳靜\n", "cp950"),
    ("idea,author\n고객 만족도 향상,김민수\n새로운 시장 진출,이영희\n", "cp949"),
    ("idea,author\n매출 증대,박지성\n", "cp949"),
]


@pytest.fixture(scope="module")
def demo_plan_bytes(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "plan.okrdesk"
    assert main(["demo", str(path), "--stage", "brainstorm", "--lang", "en"]) == 0
    return path.read_bytes()


@pytest.fixture
def plan(tmp_path, demo_plan_bytes):
    path = tmp_path / "plan.okrdesk"
    path.write_bytes(demo_plan_bytes)
    return path


def run(capsys, *args):
    """The command run in this process: its exit code, standard output and error."""
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("text", "encoding"), LEGACY)
def test_a_legacy_file_is_read_as_the_encoding_it_is_in(tmp_path, text, encoding):
    source = tmp_path / "ideas.csv"
    source.write_bytes(text.encode(encoding))
    read = read_source(source)
    assert read.encoding == encoding
    expected = [line.split(";" if ";" in text else ",") for line in text.splitlines()]
    assert read.rows == expected


@pytest.mark.parametrize(
    "data",
    [
        "idea,author\nCrème brûlée,Amélie\n".encode() + "Café,Zoë\n".encode("cp1252"),
        "想法\n提高续约率,王丽\n".encode() + "降低获客成本\n".encode("gb18030"),
    ],
)
def test_utf8_with_a_few_foreign_bytes_is_refused_naming_the_line(tmp_path, data):
    source = tmp_path / "ideas.csv"
    source.write_bytes(data)
    with pytest.raises(SourceFileError) as refused:
        read_source(source)
    assert refused.value.message_id == "import.utf8_damaged"
    assert "line 3" in refused.value.message()
    assert "第 3 行" in refused.value.message("zh_CN")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [("Идея,Автор\nПривет,мир\n", "cp1251"), ("Pomysł,Autor\nZażółć gęślą jaźń,Ewa\n", "cp1250")],
)
def test_an_encoding_okrdesk_cannot_be_sure_of_is_refused_and_the_user_names_it(
    tmp_path, text, encoding
):
    source = tmp_path / "ideas.csv"
    source.write_bytes(text.encode(encoding))
    with pytest.raises(SourceFileError) as refused:
        read_source(source)
    assert refused.value.message_id == "import.encoding_unsure"
    assert "--encoding" in refused.value.message() and "--encoding" in refused.value.message(
        "zh_CN"
    )
    assert read_source(source, encoding).rows == [line.split(",") for line in text.splitlines()]


def test_the_command_names_the_encoding_and_takes_one(plan, tmp_path, capsys):
    western = tmp_path / "western.csv"
    western.write_bytes("idea,author\nCrème brûlée,Amélie\n".encode("cp1252"))
    code, out, err = run(capsys, "import", plan, western, "--workshop", 1, "--lang", "en")
    assert code == 0, err
    assert "The file was read as Windows-1252 (Western European)." in out
    chinese = tmp_path / "chinese.csv"
    chinese.write_bytes("想法,作者\n降低获客成本,刘洋\n".encode("gb18030"))
    code, out, err = run(capsys, "import", plan, chinese, "--workshop", 1, "--lang", "zh_CN")
    assert "文件按 GB18030（简体中文） 编码读取" in out, err
    cyrillic = tmp_path / "cyrillic.csv"
    cyrillic.write_bytes("idea,author\nПривет,Иван\n".encode("cp1251"))
    command = ("import", plan, cyrillic, "--workshop", 1, "--encoding", "windows-1251")
    code, out, err = run(capsys, *command)
    assert code == 0 and "Windows-1251 (Cyrillic)" in out, err
    code, out, err = run(capsys, "info", plan, "--json")
    assert "Crème brûlée" in out and "降低获客成本" in out and "Привет" in out


NOT_FILE_ENCODINGS = [
    "unicode_escape",
    "Unicode-Escape",
    "raw_unicode_escape",
    "punycode",
    "idna",
    "undefined",
]


@pytest.mark.parametrize("name", ["klingon", "hex", "rot13", "", *NOT_FILE_ENCODINGS])
def test_a_name_that_is_not_an_encoding_is_refused_clearly(plan, tmp_path, capsys, name):
    source = tmp_path / "ideas.csv"
    source.write_text("idea\nx\n")
    before = plan.read_bytes()
    command = ("import", plan, source, "--workshop", 1, "--encoding", name, "--lang", "en")
    code, _out, err = run(capsys, *command)
    assert code == 2
    assert f"“{name}” is not an encoding okrdesk knows" in err
    assert plan.read_bytes() == before


@pytest.mark.parametrize("name", ["utf-7", "utf-32"])
def test_a_codec_that_cannot_read_the_file_is_refused_cleanly(tmp_path, name):
    source = tmp_path / "ideas.csv"
    source.write_bytes("idea\n降低获客成本\n".encode("gb18030"))
    with pytest.raises(SourceFileError) as refused:
        read_source(source, name)
    assert refused.value.message_id == "import.encoding_wrong"


def test_a_named_encoding_that_does_not_fit_is_refused_naming_the_line(tmp_path):
    source = tmp_path / "ideas.csv"
    source.write_bytes("idea\nfine\n降低获客成本\n".encode("gb18030"))
    with pytest.raises(SourceFileError) as refused:
        read_source(source, "utf-8")
    assert refused.value.message() == (
        f"{source} is not UTF-8 (Unicode) text: line 3 holds bytes that UTF-8 (Unicode) cannot"
        " read. Nothing was imported."
    )


def test_a_named_utf8_skips_the_byte_order_mark(tmp_path):
    source = tmp_path / "ideas.csv"
    source.write_text("idea\nx\n", encoding="utf-8-sig")
    assert parse_rows(read_source(source, "UTF8").rows)[0].idea == "x"


def test_utf16_with_its_mark_is_read_and_nul_bytes_without_one_are_not_text(tmp_path):
    source = tmp_path / "ideas.csv"
    source.write_text("idea\tauthor\n提高续约率\t王丽\n", encoding="utf-16")
    read = read_source(source)
    assert (read.encoding, read.rows[1]) == ("utf-16", ["提高续约率", "王丽"])
    source.write_bytes("idea\nx\n".encode("utf-16-le"))
    with pytest.raises(SourceFileError) as refused:
        read_source(source)
    assert refused.value.message_id == "import.not_text"
    assert read_source(source, "utf-16-le").rows == [["idea"], ["x"]]


def test_every_offered_encoding_has_a_name_in_both_languages():
    for encoding in OFFERED:
        english, chinese = describe(encoding, "en"), describe(encoding, "zh_CN")
        assert "(" in english and "（" in chinese and english != chinese
    assert describe("mac_cyrillic", "en") == "mac-cyrillic"  # a codec without a name keeps its own
    assert "mac-cyrillic" in translate(
        "import.encoding_unsure", "zh_CN", path="x", encoding="mac-cyrillic"
    )


def test_unicode_escape_never_turns_a_backslash_into_a_line_break(plan, tmp_path, capsys):
    """C:\\new\\table \\x41 read as unicode_escape was a newline, a tab and "A": one idea
    became two."""
    source = tmp_path / "ideas.csv"
    source.write_bytes(b"idea\nC:\\new\\table \\x41\n")
    before = plan.read_bytes()
    command = (
        "import",
        plan,
        source,
        "--workshop",
        1,
        "--encoding",
        "unicode_escape",
        "--lang",
        "zh_CN",
    )
    code, _out, err = run(capsys, *command)
    assert (code, "“unicode_escape”不是 okrdesk 认识的编码" in err) == (2, True), err
    assert plan.read_bytes() == before
