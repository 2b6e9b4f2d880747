"""The portal's own words in each language (its content comes from the translations). Languages
without an entry here show the English words; add a block to support one."""

# ruff: noqa: E501 - a table of words, one language a line

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "vi": {
        "site": "Thông tin đối ngoại tỉnh {province}", "skip": "Bỏ qua, đến nội dung chính",
        "latest": "Tin, bài mới", "categories": "Chuyên mục", "search": "Tìm kiếm",
        "search_label": "Tìm tin, bài (gõ có dấu hoặc không dấu)", "search_button": "Tìm",
        "results": "Kết quả tìm kiếm cho “{q}”: {n}", "no_results": "Không tìm thấy tin, bài phù hợp.",
        "empty": "Chưa có tin, bài.", "published": "Đăng ngày", "source": "Nguồn", "author": "Tác giả",
        "licence": "Bản quyền", "places": "Địa danh", "event": "Thời gian sự kiện", "tags": "Từ khóa",
        "languages": "Ngôn ngữ", "other_languages": "Đọc bằng ngôn ngữ khác", "rss": "RSS",
        "tag": "Từ khóa: {name}", "next": "Trang sau", "previous": "Trang trước", "page": "Trang {n}/{m}",
        "video": "Xem video", "attachment": "Tải tệp đính kèm", "footer": "Cổng thông tin đối ngoại – CSDL TTĐN",
    },
    "en": {
        "site": "{province} Province – foreign information", "skip": "Skip to main content",
        "latest": "Latest", "categories": "Topics", "search": "Search",
        "search_label": "Search the news (with or without diacritics)", "search_button": "Search",
        "results": "Results for “{q}”: {n}", "no_results": "Nothing matches your search.",
        "empty": "Nothing published yet.", "published": "Published", "source": "Source", "author": "Author",
        "licence": "Copyright", "places": "Places", "event": "Event date", "tags": "Tags",
        "languages": "Languages", "other_languages": "Read in another language", "rss": "RSS",
        "tag": "Tag: {name}", "next": "Next page", "previous": "Previous page", "page": "Page {n} of {m}",
        "video": "Watch the video", "attachment": "Download the attachment", "footer": "Foreign-information portal",
    },
    "fr": {
        "site": "Province de {province} – information pour l'étranger", "skip": "Aller au contenu principal",
        "latest": "Dernières nouvelles", "categories": "Rubriques", "search": "Recherche",
        "search_label": "Rechercher (avec ou sans accents)", "search_button": "Rechercher",
        "results": "Résultats pour « {q} » : {n}", "no_results": "Aucun résultat.",
        "empty": "Rien n'est encore publié.", "published": "Publié le", "source": "Source", "author": "Auteur",
        "licence": "Droits", "places": "Lieux", "event": "Date de l'événement", "tags": "Mots-clés",
        "languages": "Langues", "other_languages": "Lire dans une autre langue", "rss": "RSS",
        "tag": "Mot-clé : {name}", "next": "Page suivante", "previous": "Page précédente", "page": "Page {n} sur {m}",
        "video": "Voir la vidéo", "attachment": "Télécharger la pièce jointe", "footer": "Portail d'information pour l'étranger",
    },
    "zh": {
        "site": "{province}省对外信息", "skip": "跳到主要内容",
        "latest": "最新消息", "categories": "栏目", "search": "搜索",
        "search_label": "搜索新闻", "search_button": "搜索",
        "results": "“{q}”的搜索结果：{n}", "no_results": "没有找到相关内容。",
        "empty": "暂无内容。", "published": "发布日期", "source": "来源", "author": "作者",
        "licence": "版权", "places": "地点", "event": "活动日期", "tags": "标签",
        "languages": "语言", "other_languages": "其他语言版本", "rss": "RSS",
        "tag": "标签：{name}", "next": "下一页", "previous": "上一页", "page": "第{n}页，共{m}页",
        "video": "观看视频", "attachment": "下载附件", "footer": "对外信息门户",
    },
    "lo": {
        "site": "ແຂວງ{province} – ຂໍ້ມູນຂ່າວສານຕໍ່ຕ່າງປະເທດ", "skip": "ຂ້າມໄປຫາເນື້ອໃນຫຼັກ",
        "latest": "ຂ່າວລ່າສຸດ", "categories": "ໝວດໝູ່", "search": "ຊອກຫາ",
        "search_label": "ຊອກຫາຂ່າວ", "search_button": "ຊອກຫາ",
        "results": "ຜົນການຊອກຫາ “{q}”: {n}", "no_results": "ບໍ່ພົບຂໍ້ມູນທີ່ກົງກັນ.",
        "empty": "ຍັງບໍ່ມີເນື້ອໃນ.", "published": "ວັນທີເຜີຍແຜ່", "source": "ແຫຼ່ງຂ່າວ", "author": "ຜູ້ຂຽນ",
        "licence": "ລິຂະສິດ", "places": "ສະຖານທີ່", "event": "ວັນທີຈັດກິດຈະກຳ", "tags": "ຄຳສຳຄັນ",
        "languages": "ພາສາ", "other_languages": "ອ່ານເປັນພາສາອື່ນ", "rss": "RSS",
        "tag": "ຄຳສຳຄັນ: {name}", "next": "ໜ້າຕໍ່ໄປ", "previous": "ໜ້າກ່ອນ", "page": "ໜ້າ {n}/{m}",
        "video": "ເບິ່ງວິດີໂອ", "attachment": "ດາວໂຫຼດໄຟລ໌ແນບ", "footer": "ເວັບໄຊຂໍ້ມູນຂ່າວສານຕໍ່ຕ່າງປະເທດ",
    },
    "km": {
        "site": "ខេត្ត{province} – ព័ត៌មានសម្រាប់បរទេស", "skip": "រំលងទៅខ្លឹមសារចម្បង",
        "latest": "ព័ត៌មានថ្មីៗ", "categories": "ប្រធានបទ", "search": "ស្វែងរក",
        "search_label": "ស្វែងរកព័ត៌មាន", "search_button": "ស្វែងរក",
        "results": "លទ្ធផលស្វែងរកសម្រាប់ “{q}”: {n}", "no_results": "រកមិនឃើញលទ្ធផលទេ។",
        "empty": "មិនទាន់មានខ្លឹមសារនៅឡើយទេ។", "published": "ថ្ងៃចុះផ្សាយ", "source": "ប្រភព", "author": "អ្នកនិពន្ធ",
        "licence": "រក្សាសិទ្ធិ", "places": "ទីកន្លែង", "event": "កាលបរិច្ឆេទព្រឹត្តិការណ៍", "tags": "ពាក្យគន្លឹះ",
        "languages": "ភាសា", "other_languages": "អានជាភាសាផ្សេងទៀត", "rss": "RSS",
        "tag": "ពាក្យគន្លឹះ៖ {name}", "next": "ទំព័របន្ទាប់", "previous": "ទំព័រមុន", "page": "ទំព័រ {n}/{m}",
        "video": "មើលវីដេអូ", "attachment": "ទាញយកឯកសារភ្ជាប់", "footer": "វិបផតថលព័ត៌មានសម្រាប់បរទេស",
    },
}  # fmt: skip


def portal_text(language: str, province: str) -> dict[str, str]:
    words = dict(TEXT["en"])
    words.update(TEXT.get(language, {}))
    words["site"] = words["site"].format(province=province)
    return words
