from penata.complaints import tracking
from penata.complaints.tracking import (
    ALPHABET,
    check_character,
    format_code,
    tracking_code_generate,
    tracking_code_is_valid,
    tracking_code_normalize,
)


def test_alphabet_leaves_out_characters_that_look_or_sound_alike():
    assert ALPHABET == "23456789ABCDEFGHJKMNPQRSTVWXYZ"
    assert [c for c in "0O1ILU" if c in ALPHABET] == []


def test_generated_code_has_the_readable_shape_and_a_valid_check_character():
    code = tracking_code_generate()
    assert len(code) == 13
    assert code[:4] == "LPR-"
    assert code[8] == "-"
    assert set(code[4:8] + code[9:]) <= set(ALPHABET)
    assert tracking_code_is_valid(code) is True


def test_generator_draws_from_secrets(monkeypatch):
    drawn = iter("7K3MQ9X")
    monkeypatch.setattr(tracking.secrets, "choice", lambda alphabet: next(drawn))
    code = tracking_code_generate()
    assert code == "LPR-7K3M-Q9X" + check_character("7K3MQ9X")


def test_check_character_is_luhn_mod_30():
    # Luhn mod N by hand for "23": factors from the right 2, 1 → 2*1=2, 1*0=0 → total 2 → (30-2)%30 = 28.
    assert check_character("23") == ALPHABET[28] == "Y"
    assert check_character("") == "2"


def test_every_single_character_mistake_is_caught():
    body = "7K3MQ9X"
    code = format_code(body + check_character(body))
    for position in [4, 5, 6, 7, 9, 10, 11, 12]:
        for char in ALPHABET:
            if char == code[position]:
                continue
            wrong = code[:position] + char + code[position + 1 :]
            assert tracking_code_is_valid(wrong) is False, wrong


def test_invalid_shapes():
    good = format_code("7K3MQ9X" + check_character("7K3MQ9X"))
    assert tracking_code_is_valid(good) is True
    assert tracking_code_is_valid(good.replace("LPR", "ABC")) is False
    assert tracking_code_is_valid(good[:-1]) is False
    assert tracking_code_is_valid(good.replace("-", "")) is False
    assert tracking_code_is_valid("LPR-0K3M-Q9XA") is False


def test_normalize_accepts_what_a_person_types():
    body = "7K3MQ9X" + check_character("7K3MQ9X")
    code = format_code(body)
    assert tracking_code_normalize(code.lower().replace("-", " ")) == code
    assert tracking_code_normalize(body) == code
    assert tracking_code_normalize(f"  {body[:4]}-{body[4:]} ") == code
    assert tracking_code_normalize("LPR-7K3M-Q9X2" if body[-1] != "2" else "LPR-7K3M-Q9X3") is None
    assert tracking_code_normalize("") is None
    assert tracking_code_normalize("LPR-7K3M") is None
