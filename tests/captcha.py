"""A real CAPTCHA challenge and its answer, as a person reading the image would type it."""


def solved_captcha() -> dict:
    from captcha.models import CaptchaStore

    key = CaptchaStore.generate_key()
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}
