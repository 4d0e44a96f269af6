#!/usr/bin/env python3
"""Draws the demo articles' cover illustrations into this folder.

The covers ship with the service (compiled into the binary and served under
/media/demo/), so the demo content shows pictures without a foreign host. Each is a
960x540 JPEG: a two-colour gradient, a police shield with a star, and the code of the
region the story is about. Nothing here is a photograph; the articles' alt texts say so.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install pillow
    /tmp/venv/bin/python assets/demo-covers/generate.py
"""

import colorsys
import hashlib
import math
import os

from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
WIDTH, HEIGHT = 960, 540

# Cover name -> ISO 3166-2:KZ code of the region its story is about ("KZ" for none).
COVERS = {
    "akt_drunk_drivers": "KZ-15",
    "ala_fraud_briefing": "KZ-75",
    "ala_fraud_tips": "KZ-75",
    "alm_obl_livestock": "KZ-19",
    "ast_police_day_awards": "KZ-71",
    "ast_students_online": "KZ-71",
    "ast_volunteers": "KZ-71",
    "atr_new_post": "KZ-23",
    "krg_road_winter": "KZ-35",
    "kst_youth_football": "KZ-39",
    "kzo_kso_concept": "KZ-43",
    "kzo_online_reception": "KZ-43",
    "kzo_uchastkovye": "KZ-43",
    "mng_water_safety": "KZ-47",
    "pvl_cameras": "KZ-55",
    "pvl_hearing": "KZ-55",
    "review_trk_markets": "KZ-61",
    "shym_reception": "KZ-79",
    "sko_school_routes": "KZ-59",
    "trk_juveniles": "KZ-61",
    "uly_pensioners_winter": "KZ-62",
    "vko_pensioners_fraud": "KZ-63",
    "zhm_district_officers": "KZ-31",
}


def colour(name, shift, lightness):
    hue = (int(hashlib.sha256(name.encode()).hexdigest()[:4], 16) / 0xFFFF + shift) % 1.0
    r, g, b = colorsys.hls_to_rgb(hue, lightness, 0.55)
    return int(r * 255), int(g * 255), int(b * 255)


def font(size):
    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    ):
        if os.path.exists(path):
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def shield(draw, cx, cy, size, fill, outline):
    top = cy - size
    points = [
        (cx - size * 0.8, top),
        (cx + size * 0.8, top),
        (cx + size * 0.8, cy),
        (cx, cy + size),
        (cx - size * 0.8, cy),
    ]
    draw.polygon(points, fill=fill, outline=outline, width=8)
    star = []
    for i in range(10):
        radius = size * (0.45 if i % 2 == 0 else 0.18)
        angle = -math.pi / 2 + i * math.pi / 5
        star.append((cx + radius * math.cos(angle), cy - size * 0.2 + radius * math.sin(angle)))
    draw.polygon(star, fill=outline)


def draw(name, code):
    top, bottom = colour(name, 0.0, 0.32), colour(name, 0.08, 0.18)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    pixels = ImageDraw.Draw(image)
    for y in range(HEIGHT):
        t = y / (HEIGHT - 1)
        row = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom))
        pixels.line([(0, y), (WIDTH, y)], fill=row)
    gold = (232, 196, 96)
    shield(pixels, WIDTH * 0.3, HEIGHT * 0.5, 150, colour(name, 0.5, 0.25), gold)
    pixels.rectangle([WIDTH * 0.52, HEIGHT * 0.62, WIDTH * 0.9, HEIGHT * 0.63], fill=gold)
    pixels.text((WIDTH * 0.52, HEIGHT * 0.36), code, font=font(96), fill=(245, 245, 240))
    image.save(os.path.join(HERE, f"{name}.jpg"), "JPEG", quality=72, optimize=True)


if __name__ == "__main__":
    for name, code in COVERS.items():
        draw(name, code)
        print(f"{name}.jpg")
