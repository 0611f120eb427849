from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jixiao.accounts"
    label = "accounts"
    verbose_name = "收支数据"
