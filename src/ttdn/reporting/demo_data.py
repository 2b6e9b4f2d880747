"""What the demo's units did and reported on the demo plan in 2026, up to 22/11/2026.

Written for the demo by the TTĐN team: the agencies are real, the figures and texts are not.
`reporting.demo` plays these rows back through the services in the order of their times.
Times are "dd/mm HH:MM" of 2026, Vietnam time; periods are keys of `PERIODS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ttdn.units.demo import DemoAccount
from ttdn.units.models import Role

PERIODS = {
    "Q1": "Quý I/2026",
    "Q2": "Quý II/2026",
    "6T": "6 tháng đầu năm 2026",
    "Q3": "Quý III/2026",
    "Q4": "Quý IV/2026",
    "N": "Năm 2026",
}

# Leaders approve their unit's report; the demo units of `units.demo` have officers only
# (except Sở Ngoại vụ), so these accounts complete the workflow. Small units have a leader
# who drafts and approves alone.
PROGRESS_ACCOUNTS = (
    DemoAccount(
        "lanhdao.vhttdl", "Trương Công Minh", Role.UNIT_LEADER, "QT-SVHTTDL", "Phó Giám đốc"
    ),
    DemoAccount("lanhdao.congan", "Lê Quang Vinh", Role.UNIT_LEADER, "QT-CA", "Phó Giám đốc"),
    DemoAccount(
        "lanhdao.baochi", "Nguyễn Thị Hồng Nhung", Role.UNIT_LEADER, "QT-BPTTH", "Phó Tổng Biên tập"
    ),
    DemoAccount("lanhdao.bienphong", "Phan Văn Thắng", Role.UNIT_LEADER, "QT-BDBP", "Phó Chính ủy"),
    DemoAccount("lanhdao.dantoc", "Hồ Thị Kim Oanh", Role.UNIT_LEADER, "QT-SDTTG", "Phó Giám đốc"),
    DemoAccount(
        "lanhdao.congthuong", "Trần Thị Thanh Hương", Role.UNIT_LEADER, "QT-SCT", "Phó Giám đốc"
    ),
    DemoAccount("lanhdao.huunghi", "Bùi Đức Long", Role.UNIT_LEADER, "QT-LHHN", "Phó Chủ tịch"),
    DemoAccount(
        "lanhdao.laobao", "Hồ Văn Nam", Role.UNIT_LEADER, "QT-LAOBAO", "Phó Chủ tịch UBND xã"
    ),
)

# unit code → (who writes updates and sends the report, who approves it)
PEOPLE = {
    "QT-SVHTTDL": ("daumoi", "lanhdao.vhttdl"),
    "QT-SNGV": ("canbo.ngoaivu", "lanhdao.ngoaivu"),
    "QT-CA": ("canbo.congan", "lanhdao.congan"),
    "QT-BPTTH": ("canbo.baochi", "lanhdao.baochi"),
    "QT-BDBP": ("lanhdao.bienphong", "lanhdao.bienphong"),
    "QT-SDTTG": ("lanhdao.dantoc", "lanhdao.dantoc"),
    "QT-SCT": ("lanhdao.congthuong", "lanhdao.congthuong"),
    "QT-LHHN": ("lanhdao.huunghi", "lanhdao.huunghi"),
    "QT-LAOBAO": ("lanhdao.laobao", "lanhdao.laobao"),
}
REVIEWER = "daumoi"


@dataclass(frozen=True)
class Update:
    unit: str
    ref: str
    seq: int
    period: str
    when: str
    status: str
    progress: int
    text: str
    spent: int | None = None
    values: Mapping[str, int] = field(default_factory=dict)
    links: tuple[tuple[str, str], ...] = ()  # (title, url)


@dataclass(frozen=True)
class Report:
    period: str
    unit: str
    prepared: str
    steps: tuple[tuple[str, str], ...]  # (action of services.REPORT_ACTIONS, when)
    comment: str = ""  # the coordinating agency's words when it returns the report


P, D = "in_progress", "done"

# fmt: off
UPDATES: list[Update] = [
    # --- Sở Văn hóa, Thể thao và Du lịch (cơ quan đầu mối, chủ trì nhiều nhiệm vụ) ---
    Update("QT-SVHTTDL", "II.1.a", 1, "Q1", "11/03 10:00", P, 40,
           "Đã xây dựng và đưa vào chạy thử chuyên trang song ngữ Việt - Anh “Quảng Trị - Điểm "
           "đến hòa bình” trên Cổng thông tin điện tử tỉnh; đăng tải 35 tin, bài giới thiệu bộ "
           "máy, địa giới hành chính và tiềm năng của tỉnh sau hợp nhất.",
           spent=42_000_000, values={"tin-bai": 35}),
    Update("QT-SVHTTDL", "II.1.a", 1, "Q2", "10/06 15:00", D, 100,
           "Chuyên trang song ngữ chính thức vận hành từ ngày 15/4/2026; trong quý đăng tải thêm "
           "51 tin, bài. Phối hợp Báo và Phát thanh, Truyền hình Quảng Trị hoàn thành 12 phóng sự "
           "truyền hình theo kế hoạch. Nhiệm vụ hoàn thành.",
           spent=53_000_000, values={"tin-bai": 51},
           links=(("Chuyên trang song ngữ", "https://doingoai.quangtri.example/"),)),
    Update("QT-SVHTTDL", "II.1.b", 1, "Q1", "06/03 14:00", D, 100,
           "Cung cấp 18 bài viết và 40 ảnh tư liệu về văn hóa, du lịch cho Bản tin đối ngoại "
           "số 1/2026.", values={"tin-bai": 18}),
    Update("QT-SVHTTDL", "II.1.b", 2, "Q2", "05/06 14:00", D, 100,
           "Cung cấp 16 bài viết, ảnh về các sự kiện văn hóa, thể thao, du lịch nổi bật trong quý "
           "cho Bản tin đối ngoại số 2/2026.", values={"tin-bai": 16}),
    Update("QT-SVHTTDL", "II.1.b", 3, "Q3", "09/09 14:00", D, 100,
           "Cung cấp 15 bài viết, ảnh về Lễ hội Vì hòa bình và mùa du lịch hè cho Bản tin đối "
           "ngoại số 3/2026.", values={"tin-bai": 15}),
    Update("QT-SVHTTDL", "II.1.c", 1, "Q1", "12/03 09:00", D, 100,
           "Cập nhật 124 tư liệu (văn bản, ảnh, video) vào cơ sở dữ liệu thông tin đối ngoại của "
           "tỉnh; chia sẻ 20 tin, bài với Cổng thông tin điện tử quốc gia về thông tin đối ngoại.",
           values={"tin-bai": 20}),
    Update("QT-SVHTTDL", "II.1.c", 2, "Q2", "11/06 09:00", D, 100,
           "Cập nhật 158 tư liệu mới; chia sẻ 26 tin, bài với Cổng thông tin điện tử quốc gia về "
           "thông tin đối ngoại; chuẩn hóa thông tin về các xã, phường, đặc khu sau sắp xếp.",
           values={"tin-bai": 26}),
    Update("QT-SVHTTDL", "II.1.c", 3, "Q3", "11/09 09:00", D, 100,
           "Cập nhật 173 tư liệu; chia sẻ 31 tin, bài, trong đó 12 tin, bài bằng tiếng Anh.",
           values={"tin-bai": 31}),
    Update("QT-SVHTTDL", "II.1.c", 4, "Q4", "16/11 10:00", P, 60,
           "Đến ngày 15/11/2026 đã cập nhật 96 tư liệu và chia sẻ 18 tin, bài; tiếp tục thực hiện "
           "đến hết quý.", values={"tin-bai": 18}),
    Update("QT-SVHTTDL", "II.2.a", 1, "Q3", "10/09 10:00", D, 100,
           "Thiết kế và thẩm định nội dung maket 06 cụm pa-nô tuyên truyền về chủ quyền biển đảo; "
           "bàn giao cho Bộ Chỉ huy Bộ đội Biên phòng tỉnh ngày 20/7/2026."),
    Update("QT-SVHTTDL", "II.2.b", 1, "Q3", "10/09 11:00", D, 100,
           "Phối hợp tổ chức chương trình nghệ thuật và giải giao lưu bóng chuyền với đoàn tỉnh "
           "Savannakhet và tỉnh Salavan tại phường Đông Hà (ngày 03-05/9/2026)."),
    Update("QT-SVHTTDL", "II.4", 1, "Q1", "12/03 11:00", P, 30,
           "Xây dựng chương trình, tài liệu tập huấn; mời báo cáo viên Trung ương và lựa chọn "
           "địa điểm tổ chức tại phường Đồng Hới và phường Đông Hà."),
    Update("QT-SVHTTDL", "II.4", 1, "Q2", "29/05 16:00", D, 100,
           "Tổ chức 02 lớp tập huấn kỹ năng thông tin đối ngoại và phát ngôn (ngày 19-20/5 tại "
           "phường Đồng Hới, ngày 27-28/5 tại phường Đông Hà) cho 186 lượt cán bộ các sở, ngành "
           "và các xã, phường, đặc khu.",
           spent=112_400_000, values={"lop-tap-huan": 2, "luot-tham-du": 186}),
    Update("QT-SVHTTDL", "IV.1-1", 1, "Q1", "12/03 15:00", P, 25,
           "Ban hành văn bản hướng dẫn, đôn đốc các cơ quan, đơn vị triển khai Kế hoạch; tổng hợp "
           "kết quả quý I."),
    Update("QT-SVHTTDL", "IV.1-1", 1, "Q2", "11/06 15:00", P, 50,
           "Tổng hợp kết quả 6 tháng đầu năm, báo cáo Ủy ban nhân dân tỉnh và Bộ Văn hóa, Thể "
           "thao và Du lịch."),
    Update("QT-SVHTTDL", "IV.1-1", 1, "Q3", "11/09 15:00", P, 75,
           "Đôn đốc các đơn vị chậm báo cáo; tổng hợp kết quả quý III."),
    Update("QT-SVHTTDL", "IV.1-1", 1, "Q4", "18/11 15:00", P, 85,
           "Đang tổng hợp báo cáo năm của các cơ quan, đơn vị (hạn 15/11/2026); đã có văn bản "
           "đôn đốc các đơn vị chưa gửi báo cáo."),
    Update("QT-SVHTTDL", "IV.1-2", 1, "Q3", "11/09 16:00", P, 40,
           "Ban hành Thể lệ Giải thưởng thông tin đối ngoại cấp tỉnh năm 2026; đến ngày "
           "10/9/2026 đã nhận 47 tác phẩm dự thi."),
    Update("QT-SVHTTDL", "IV.1-2", 1, "Q4", "18/11 16:00", P, 70,
           "Hội đồng sơ khảo đã chấm 63 tác phẩm; dự kiến tổ chức lễ trao giải trong tháng "
           "12/2026 và chọn 05 tác phẩm gửi dự Giải thưởng toàn quốc."),
    Update("QT-SVHTTDL", "PL.1", 1, "Q3", "10/09 16:00", D, 100,
           "Cung cấp tư liệu, thẩm định kịch bản phim tài liệu giới thiệu tỉnh."),
    Update("QT-SVHTTDL", "PL.3", 1, "N", "02/10 16:00", D, 100,
           "Phối hợp chuẩn bị tài liệu, hình ảnh giới thiệu Lễ hội Vì hòa bình cho phóng viên dự "
           "họp báo quốc tế ngày 02/10/2026."),
    Update("QT-SVHTTDL", "PL.2", 1, "Q3", "11/09 16:30", P, 30,
           "Lựa chọn 180 ảnh tư liệu, biên soạn lời giới thiệu song ngữ; đang lựa chọn đơn vị in.",
           spent=25_000_000),
    Update("QT-SVHTTDL", "PL.2", 1, "Q4", "18/11 16:30", P, 65,
           "Đã duyệt maket sách ảnh, đang in thử; dự kiến phát hành 2.000 cuốn trước ngày "
           "20/12/2026.", spent=60_000_000),
    # --- Sở Ngoại vụ ---
    Update("QT-SNGV", "II.1.a", 1, "Q1", "05/03 10:00", P, 30,
           "Cung cấp 03 bài viết, ảnh về quan hệ đối ngoại của tỉnh với các đối tác nước ngoài "
           "cho chuyên trang song ngữ.", values={"tin-bai": 3}),
    Update("QT-SNGV", "II.1.a", 1, "Q2", "08/06 10:00", D, 100,
           "Biên dịch, hiệu đính bản tiếng Anh 42 tin, bài của chuyên trang; cung cấp thêm 06 bài "
           "về hoạt động đối ngoại của tỉnh.", values={"tin-bai": 6}),
    Update("QT-SNGV", "II.1.b", 1, "Q1", "09/03 10:00", D, 100,
           "Phát hành Bản tin Đối ngoại Quảng Trị số 1/2026 (song ngữ Việt - Anh, 500 bản in và "
           "bản điện tử); gửi 46 cơ quan đại diện Việt Nam ở nước ngoài và 23 đối tác của tỉnh.",
           spent=18_500_000, values={"an-pham": 1, "ban-an-pham": 500}),
    Update("QT-SNGV", "II.1.b", 2, "Q2", "08/06 11:00", D, 100,
           "Phát hành Bản tin Đối ngoại Quảng Trị số 2/2026 (500 bản), chuyên đề hợp tác phát "
           "triển trên Hành lang kinh tế Đông - Tây.",
           spent=18_500_000, values={"an-pham": 1, "ban-an-pham": 500}),
    Update("QT-SNGV", "II.1.b", 3, "Q3", "28/09 10:00", D, 100,
           "Phát hành Bản tin số 3/2026 (600 bản), chuyên đề Lễ hội Vì hòa bình; in thêm 100 bản "
           "phục vụ khách quốc tế dự lễ hội.",
           spent=21_000_000, values={"an-pham": 1, "ban-an-pham": 600},
           links=(("Bản tin số 3/2026 (bản điện tử)", "https://songoaivu.quangtri.example/ban-tin/3-2026"),)),
    Update("QT-SNGV", "II.1.b", 4, "Q4", "16/11 10:00", P, 40,
           "Đã hoàn thành bản thảo tiếng Việt Bản tin số 4/2026; đang biên dịch sang tiếng Anh."),
    Update("QT-SNGV", "II.2.b", 1, "Q1", "10/03 14:00", P, 10,
           "Xây dựng kế hoạch giao lưu; trao đổi, thống nhất thời gian và nội dung với Sở Ngoại vụ "
           "tỉnh Savannakhet và tỉnh Salavan."),
    Update("QT-SNGV", "II.2.b", 1, "Q2", "08/06 14:00", P, 40,
           "Trình Ủy ban nhân dân tỉnh phê duyệt chương trình; hoàn tất thủ tục mời đoàn."),
    Update("QT-SNGV", "II.2.b", 1, "Q3", "08/09 14:00", D, 100,
           "Tổ chức chương trình giao lưu văn hóa, thể thao với đoàn tỉnh Savannakhet và tỉnh "
           "Salavan (ngày 03-05/9/2026), 350 lượt người tham dự, nhân kỷ niệm 64 năm Ngày thiết "
           "lập quan hệ ngoại giao Việt Nam - Lào (05/9/1962 - 05/9/2026).",
           spent=185_000_000, values={"doan": 2, "luot-tham-du": 350}),
    Update("QT-SNGV", "II.4", 1, "Q2", "08/06 15:00", D, 100,
           "Cử 02 báo cáo viên trình bày chuyên đề tình hình quốc tế và kỹ năng trả lời phỏng vấn "
           "báo chí nước ngoài tại hai lớp tập huấn."),
    Update("QT-SNGV", "IV.2-1", 1, "Q1", "10/03 15:00", P, 25,
           "Tổ chức 01 buổi cung cấp thông tin về tình hình quốc tế và quan hệ đối ngoại của tỉnh "
           "quý I cho các cơ quan báo chí.", values={"hop-bao": 1}),
    Update("QT-SNGV", "IV.2-1", 1, "Q2", "08/06 16:00", P, 50,
           "Tổ chức 01 buổi cung cấp thông tin quý II cho các cơ quan báo chí, tập trung vào hợp "
           "tác với các tỉnh của Lào và Thái Lan.", values={"hop-bao": 1}),
    Update("QT-SNGV", "IV.2-1", 1, "Q3", "13/11 09:00", P, 75,
           "Tổ chức buổi cung cấp thông tin quý III cho các cơ quan báo chí ngày 25/9/2026.",
           values={"hop-bao": 1}),
    Update("QT-SNGV", "IV.2-2", 1, "Q1", "10/03 16:00", P, 25,
           "Hướng dẫn thủ tục, xây dựng chương trình làm việc cho 03 đoàn phóng viên nước ngoài "
           "(Nhật Bản, Hàn Quốc, Lào).", values={"doan": 3}),
    Update("QT-SNGV", "IV.2-2", 1, "Q2", "08/06 16:30", P, 50,
           "Hướng dẫn 04 đoàn phóng viên và 02 đoàn khách quốc tế đến làm việc tại tỉnh.",
           values={"doan": 4}),
    Update("QT-SNGV", "IV.2-2", 1, "Q3", "13/11 09:30", P, 70,
           "Hướng dẫn 06 đoàn phóng viên nước ngoài, trong đó 04 đoàn đến tác nghiệp tại Lễ hội "
           "Vì hòa bình.", values={"doan": 6}),
    Update("QT-SNGV", "PL.2", 1, "Q3", "13/11 10:00", P, 60,
           "Biên dịch, hiệu đính phần tiếng Anh của sách ảnh; đã xong khoảng 60%."),
    Update("QT-SNGV", "PL.3", 1, "Q2", "08/06 17:00", P, 30,
           "Xây dựng kế hoạch họp báo quốc tế; dự kiến tổ chức trong dịp Lễ hội Vì hòa bình."),
    Update("QT-SNGV", "PL.3", 1, "Q3", "10/09 09:00", P, 80,
           "Hoàn tất công tác chuẩn bị; do lịch lễ hội điều chỉnh, họp báo dời sang ngày "
           "02/10/2026."),
    Update("QT-SNGV", "PL.3", 1, "Q3", "05/10 10:00", D, 100,
           "Tổ chức họp báo quốc tế ngày 02/10/2026 với 120 phóng viên, trong đó 32 phóng viên "
           "của 04 đoàn báo chí nước ngoài; hoàn thành chậm 02 ngày so với kế hoạch.",
           spent=142_000_000, values={"hop-bao": 1, "doan": 4, "luot-tham-du": 120},
           links=(("Thông cáo báo chí", "https://songoaivu.quangtri.example/hop-bao-02-10-2026"),)),
    # --- Công an tỉnh ---
    Update("QT-CA", "II.3.b", 1, "Q1", "11/03 09:00", D, 100,
           "Phối hợp xác minh, cung cấp thông tin về 04 vụ việc liên quan đến dân tộc, tôn giáo "
           "được báo chí quan tâm."),
    Update("QT-CA", "II.3.b", 2, "Q2", "12/06 09:00", D, 100,
           "Phối hợp xác minh 03 vụ việc; cung cấp thông tin để Sở Dân tộc và Tôn giáo trả lời "
           "báo chí."),
    Update("QT-CA", "II.3.b", 3, "Q3", "22/09 09:00", D, 100,
           "Phối hợp xác minh 05 vụ việc, trong đó 02 vụ việc có yếu tố nước ngoài."),
    Update("QT-CA", "IV.3-1", 1, "Q1", "11/03 10:00", P, 25,
           "Thẩm định nội dung 03 ấn phẩm thông tin đối ngoại trước khi phát hành; không phát hiện "
           "nội dung thuộc bí mật nhà nước.", values={"an-pham": 3}),
    Update("QT-CA", "IV.3-1", 1, "Q2", "12/06 10:00", P, 50,
           "Thẩm định nội dung 04 ấn phẩm thông tin đối ngoại.", values={"an-pham": 4}),
    Update("QT-CA", "IV.3-1", 1, "Q2", "24/06 09:00", P, 50,
           "Thẩm định nội dung 04 ấn phẩm thông tin đối ngoại. Bổ sung theo ý kiến của cơ quan "
           "đầu mối: phối hợp xử lý 07 thông tin sai sự thật về tỉnh trên mạng xã hội; đã đề nghị "
           "gỡ bỏ 05 nội dung.", values={"an-pham": 4}),
    Update("QT-CA", "IV.3-1", 1, "Q3", "22/09 10:00", P, 75,
           "Thẩm định nội dung 05 ấn phẩm; đề nghị chỉnh sửa 01 bản đồ minh họa trong sách ảnh "
           "cho đúng đường biên giới quốc gia.", values={"an-pham": 5}),
    Update("QT-CA", "PL.3", 1, "Q3", "22/09 11:00", P, 50,
           "Xây dựng phương án bảo đảm an ninh, trật tự cho họp báo quốc tế."),
    Update("QT-CA", "PL.3", 1, "N", "06/10 09:00", D, 100,
           "Bảo đảm an ninh, trật tự họp báo quốc tế ngày 02/10/2026; hướng dẫn 32 phóng viên nước "
           "ngoài tác nghiệp theo quy định."),
    # --- Báo và Phát thanh, Truyền hình Quảng Trị ---
    Update("QT-BPTTH", "II.1.a", 1, "Q1", "17/03 10:00", P, 40,
           "Sản xuất 05 phóng sự truyền hình giới thiệu tỉnh Quảng Trị sau hợp nhất, phát trên "
           "kênh truyền hình của tỉnh và chuyên trang song ngữ.", values={"video-anh": 5}),
    Update("QT-BPTTH", "II.1.a", 1, "Q2", "16/06 10:00", D, 100,
           "Hoàn thành 12 phóng sự theo kế hoạch (07 phóng sự trong quý II).",
           values={"video-anh": 7}),
    Update("QT-BPTTH", "IV.4-1", 1, "Q1", "17/03 14:00", P, 25,
           "Duy trì chuyên mục “Quảng Trị - Hội nhập và phát triển” trên sóng phát thanh, truyền "
           "hình; 140 tin, bài đối ngoại trên báo điện tử; 13 bản tin tiếng Anh và 13 bản tin "
           "tiếng Lào.", values={"chuong-trinh-pt-th": 26, "tin-bai": 140}),
    Update("QT-BPTTH", "IV.4-1", 1, "Q2", "16/06 14:00", P, 50,
           "Duy trì chuyên mục và các bản tin tiếng Anh, tiếng Lào hằng tuần; 152 tin, bài đối "
           "ngoại trên báo điện tử.", values={"chuong-trinh-pt-th": 26, "tin-bai": 152}),
    Update("QT-BPTTH", "IV.4-1", 1, "Q3", "11/09 14:00", P, 75,
           "Duy trì chuyên mục và các bản tin hằng tuần; 171 tin, bài đối ngoại, tăng mạnh trong "
           "dịp Lễ hội Vì hòa bình.", values={"chuong-trinh-pt-th": 26, "tin-bai": 171}),
    Update("QT-BPTTH", "IV.4-1", 1, "Q4", "17/11 14:00", P, 85,
           "Đến giữa tháng 11/2026: 14 chương trình và 96 tin, bài đối ngoại.",
           values={"chuong-trinh-pt-th": 14, "tin-bai": 96}),
    Update("QT-BPTTH", "PL.1", 1, "Q2", "16/06 15:00", P, 40,
           "Hoàn thành kịch bản; đã quay tại 14 địa điểm trên địa bàn tỉnh.",
           spent=120_000_000),
    Update("QT-BPTTH", "PL.1", 1, "Q3", "11/09 15:00", P, 85,
           "Hoàn thành dựng bản tiếng Việt; bản tiếng Anh và tiếng Lào đang biên dịch, lồng tiếng.",
           spent=210_000_000),
    # --- Bộ Chỉ huy Bộ đội Biên phòng tỉnh ---
    Update("QT-BDBP", "II.2.a", 1, "Q1", "12/03 09:00", P, 15,
           "Khảo sát, lựa chọn 06 vị trí lắp đặt pa-nô: 04 vị trí tại khu vực cửa khẩu quốc tế "
           "Lao Bảo, 02 vị trí tại Đặc khu Cồn Cỏ."),
    Update("QT-BDBP", "II.2.a", 1, "Q2", "11/06 09:00", P, 45,
           "Hoàn thành thiết kế kỹ thuật; lựa chọn nhà thầu thi công."),
    Update("QT-BDBP", "II.2.a", 1, "Q3", "11/09 09:00", P, 80,
           "Đã lắp đặt 04/06 cụm pa-nô tại khu vực cửa khẩu quốc tế Lao Bảo; 02 cụm tại Đặc khu "
           "Cồn Cỏ chậm do ảnh hưởng của bão, dự kiến hoàn thành trong tháng 10/2026.",
           spent=230_000_000, values={"cum-pa-no": 4}),
    Update("QT-BDBP", "II.2.a", 1, "N", "15/10 10:00", D, 100,
           "Hoàn thành lắp đặt 02 cụm pa-nô tại Đặc khu Cồn Cỏ ngày 14/10/2026; nghiệm thu, bàn "
           "giao cho địa phương quản lý. Nhiệm vụ hoàn thành chậm 14 ngày so với kế hoạch.",
           spent=112_000_000, values={"cum-pa-no": 2}),
    # --- Sở Dân tộc và Tôn giáo ---
    Update("QT-SDTTG", "II.3.b", 1, "Q1", "23/03 10:00", P, 70,
           "Cung cấp thông tin, trả lời 03 cơ quan báo chí về chính sách hỗ trợ đồng bào dân tộc "
           "thiểu số ở các xã biên giới.", values={"tin-bai": 3}),
    Update("QT-SDTTG", "II.3.b", 1, "N", "06/04 10:00", D, 100,
           "Trả lời 02 cơ quan báo chí còn lại ngày 03/4/2026, chậm so với hạn của quý I do chờ "
           "số liệu của các xã.", values={"tin-bai": 2}),
    Update("QT-SDTTG", "II.3.b", 2, "Q2", "12/06 10:00", D, 100,
           "Cung cấp thông tin cho 04 cơ quan báo chí về hoạt động tôn giáo dịp Lễ Phật đản.",
           values={"tin-bai": 4}),
    Update("QT-SDTTG", "II.3.b", 3, "Q3", "18/09 10:00", D, 100,
           "Chủ trì 01 buổi cung cấp thông tin cho báo chí; trả lời 05 cơ quan báo chí.",
           values={"tin-bai": 5, "hop-bao": 1}),
    Update("QT-SDTTG", "II.3.b", 4, "Q4", "16/11 10:00", P, 50,
           "Đã trả lời 02 cơ quan báo chí; tiếp tục theo dõi các vấn đề được dư luận quan tâm.",
           values={"tin-bai": 2}),
    # --- Sở Công Thương ---
    Update("QT-SCT", "PL.4", 1, "Q1", "13/03 10:00", P, 20,
           "Xây dựng kế hoạch tổ chức hội thảo; khảo sát nhu cầu của 45 doanh nghiệp xuất khẩu."),
    Update("QT-SCT", "PL.4", 1, "Q2", "26/06 10:00", D, 100,
           "Tổ chức hội thảo “Truyền thông quốc tế cho doanh nghiệp xuất khẩu” ngày 24/6/2026 với "
           "140 đại biểu; phát hành kỷ yếu hội thảo (200 bản).",
           spent=76_500_000,
           values={"lop-tap-huan": 1, "luot-tham-du": 140, "an-pham": 1, "ban-an-pham": 200}),
    # --- Xã Lao Bảo, Liên hiệp các tổ chức hữu nghị ---
    Update("QT-LAOBAO", "II.2.a", 1, "Q1", "13/03 09:00", P, 10,
           "Phối hợp khảo sát 04 vị trí lắp đặt pa-nô tại khu vực cửa khẩu quốc tế Lao Bảo."),
    Update("QT-LAOBAO", "II.2.a", 1, "Q2", "10/06 09:00", P, 40,
           "Hoàn thành giải phóng mặt bằng tại 04 vị trí."),
    Update("QT-LAOBAO", "II.2.a", 1, "Q3", "10/09 09:00", D, 100,
           "Phối hợp giám sát thi công; tiếp nhận quản lý 04 cụm pa-nô trên địa bàn xã."),
    Update("QT-LHHN", "II.2.b", 1, "Q3", "10/09 10:00", D, 100,
           "Phối hợp đón tiếp, tổ chức buổi gặp mặt hữu nghị với đoàn tỉnh Savannakhet (60 đại "
           "biểu).", values={"doan": 1, "luot-tham-du": 60}),
]
# fmt: on


def _monitoring_updates() -> list[Update]:
    """II.3.a is monthly: Sở VHTTDL reports each month's press summary (January to October,
    November under way), Công an tỉnh its part up to September (October is missing)."""
    rows = []
    articles = (212, 187, 240, 231, 256, 243, 318, 295, 264, 238)
    for month, count in enumerate(articles, start=1):
        rows.append(
            Update(
                "QT-SVHTTDL",
                "II.3.a",
                month,
                f"Q{(month - 1) // 3 + 1}",
                f"27/{month:02d} 15:00",
                D,
                100,
                f"Tổng hợp dư luận báo chí trong và ngoài nước về tỉnh tháng {month}/2026: theo "
                f"dõi, phân loại {count} tin, bài; báo cáo Ủy ban nhân dân tỉnh.",
            )
        )
    rows.append(
        Update(
            "QT-SVHTTDL",
            "II.3.a",
            11,
            "Q4",
            "20/11 15:00",
            P,
            60,
            "Đang tổng hợp dư luận báo chí tháng 11/2026 (đến ngày 20/11: 171 tin, bài).",
        )
    )
    false_news = (6, 4, 9, 5, 7, 8, 12, 10, 6)
    for month, count in enumerate(false_news, start=1):
        rows.append(
            Update(
                "QT-CA",
                "II.3.a",
                month,
                f"Q{(month - 1) // 3 + 1}",
                f"28/{month:02d} 09:00",
                D,
                100,
                f"Phối hợp phát hiện, xác minh {count} thông tin sai sự thật, xấu độc liên quan "
                f"đến tỉnh trên mạng xã hội trong tháng {month}/2026; đề nghị xử lý theo quy định.",
            )
        )
    return rows


UPDATES += _monitoring_updates()

S, A, SUB, ACC, RET = "send_for_approval", "approve", "submit", "accept", "return"

# fmt: off
REPORTS: list[Report] = [
    # Quý I (hạn 15/3): all accepted; Báo và PT-TH and Sở Dân tộc và Tôn giáo late.
    Report("Q1", "QT-SNGV", "10/03 16:30",
           ((S, "10/03 17:00"), (A, "11/03 09:30"), (SUB, "12/03 08:30"), (ACC, "17/03 14:00"))),
    Report("Q1", "QT-SVHTTDL", "12/03 16:00",
           ((S, "13/03 08:00"), (A, "13/03 10:00"), (SUB, "13/03 14:00"), (ACC, "17/03 14:30"))),
    Report("Q1", "QT-CA", "11/03 14:00",
           ((S, "11/03 16:00"), (A, "12/03 09:00"), (SUB, "13/03 09:00"), (ACC, "18/03 09:00"))),
    Report("Q1", "QT-BPTTH", "18/03 09:00",
           ((S, "18/03 10:00"), (A, "19/03 15:00"), (SUB, "20/03 08:00"), (ACC, "24/03 10:00"))),
    Report("Q1", "QT-BDBP", "12/03 10:00",
           ((A, "12/03 14:00"), (SUB, "13/03 08:00"), (ACC, "17/03 15:00"))),
    Report("Q1", "QT-SDTTG", "24/03 09:00",
           ((A, "24/03 10:00"), (SUB, "25/03 08:00"), (ACC, "27/03 09:00"))),
    Report("Q1", "QT-SCT", "13/03 11:00",
           ((A, "13/03 14:00"), (SUB, "13/03 15:00"), (ACC, "18/03 10:00"))),
    Report("Q1", "QT-LAOBAO", "13/03 10:00",
           ((A, "13/03 10:30"), (SUB, "13/03 11:00"), (ACC, "18/03 10:30"))),
    # Quý II (hạn 15/6): Công an tỉnh returned and not yet resent; Liên hiệp hữu nghị silent.
    Report("Q2", "QT-SNGV", "09/06 09:00",
           ((S, "09/06 10:00"), (A, "10/06 09:00"), (SUB, "11/06 08:30"), (ACC, "16/06 14:00"))),
    Report("Q2", "QT-SVHTTDL", "11/06 16:00",
           ((S, "12/06 08:00"), (A, "12/06 10:00"), (SUB, "12/06 14:00"), (ACC, "16/06 14:30"))),
    Report("Q2", "QT-CA", "12/06 14:00",
           ((S, "12/06 15:00"), (A, "15/06 08:00"), (SUB, "15/06 09:00"), (RET, "18/06 14:00")),
           comment="Báo cáo chưa nêu kết quả phối hợp xử lý thông tin sai sự thật trên mạng xã "
           "hội và chưa có số liệu thẩm định ấn phẩm của tháng 6. Đề nghị Công an tỉnh bổ sung "
           "và gửi lại trước ngày 25/6/2026."),
    Report("Q2", "QT-BPTTH", "17/06 09:00",
           ((S, "17/06 10:00"), (A, "18/06 15:00"), (SUB, "19/06 08:00"), (ACC, "23/06 10:00"))),
    Report("Q2", "QT-BDBP", "11/06 10:00",
           ((A, "11/06 14:00"), (SUB, "12/06 08:00"), (ACC, "17/06 15:00"))),
    Report("Q2", "QT-SDTTG", "12/06 14:00",
           ((A, "15/06 08:00"), (SUB, "15/06 10:00"), (ACC, "19/06 09:00"))),
    Report("Q2", "QT-SCT", "29/06 09:00",
           ((A, "29/06 10:00"), (SUB, "29/06 14:00"), (ACC, "02/07 09:00"))),
    Report("Q2", "QT-LAOBAO", "10/06 10:00",
           ((A, "10/06 11:00"), (SUB, "10/06 14:00"), (ACC, "16/06 15:00"))),
    # 6 tháng (hạn 15/6): three reports, Công an tỉnh's still a draft.
    Report("6T", "QT-SNGV", "12/06 09:00",
           ((S, "12/06 10:00"), (A, "12/06 14:00"), (SUB, "15/06 08:30"), (ACC, "19/06 14:00"))),
    Report("6T", "QT-SVHTTDL", "12/06 16:00",
           ((S, "15/06 08:00"), (A, "15/06 09:00"), (SUB, "15/06 10:00"), (ACC, "19/06 14:30"))),
    Report("6T", "QT-BPTTH", "22/06 09:00",
           ((S, "22/06 10:00"), (A, "23/06 09:00"), (SUB, "24/06 08:00"), (ACC, "26/06 10:00"))),
    Report("6T", "QT-CA", "15/06 14:00", ()),
    # Quý III (hạn 15/9): Sở Ngoại vụ waits for its leader, Công an tỉnh sent late and waits
    # for the coordinating agency, Báo và PT-TH was returned.
    Report("Q3", "QT-SNGV", "13/11 10:30", ((S, "18/11 09:00"),)),
    Report("Q3", "QT-SVHTTDL", "11/09 17:00",
           ((S, "14/09 08:00"), (A, "14/09 09:00"), (SUB, "14/09 10:00"), (ACC, "18/09 14:00"))),
    Report("Q3", "QT-CA", "23/09 08:00",
           ((S, "23/09 09:00"), (A, "24/09 09:00"), (SUB, "25/09 08:00"))),
    Report("Q3", "QT-BPTTH", "11/09 16:00",
           ((S, "14/09 08:00"), (A, "14/09 09:30"), (SUB, "14/09 10:00"), (RET, "18/09 10:00")),
           comment="Đề nghị bổ sung tiến độ sản xuất phim tài liệu (Phụ lục, mục 1): nêu rõ phần "
           "việc còn lại, nguyên nhân chậm và thời gian hoàn thành; số chương trình phát thanh, "
           "truyền hình cần tách theo ngôn ngữ."),
    Report("Q3", "QT-BDBP", "11/09 10:00",
           ((A, "11/09 14:00"), (SUB, "14/09 08:00"), (ACC, "18/09 09:00"))),
    Report("Q3", "QT-SDTTG", "18/09 14:00",
           ((A, "21/09 08:00"), (SUB, "21/09 09:00"), (ACC, "24/09 09:00"))),
    Report("Q3", "QT-LHHN", "10/09 14:00",
           ((A, "11/09 08:00"), (SUB, "11/09 09:00"), (ACC, "16/09 10:00"))),
    Report("Q3", "QT-LAOBAO", "10/09 10:00",
           ((A, "10/09 11:00"), (SUB, "10/09 14:00"), (ACC, "16/09 15:00"))),
    # Năm 2026 (hạn 15/11): the year's reports are coming in; Sở Dân tộc và Tôn giáo late.
    Report("N", "QT-LAOBAO", "09/11 09:00",
           ((A, "09/11 10:00"), (SUB, "10/11 08:00"), (ACC, "16/11 09:00"))),
    Report("N", "QT-BDBP", "10/11 09:00",
           ((A, "11/11 08:00"), (SUB, "12/11 08:00"), (ACC, "17/11 09:00"))),
    Report("N", "QT-SCT", "12/11 09:00",
           ((A, "12/11 14:00"), (SUB, "13/11 08:00"), (ACC, "17/11 10:00"))),
    Report("N", "QT-LHHN", "12/11 14:00", ((A, "13/11 08:00"), (SUB, "13/11 09:00"))),
    Report("N", "QT-SDTTG", "16/11 09:00", ((A, "17/11 08:00"), (SUB, "17/11 09:00"))),
    Report("N", "QT-CA", "19/11 14:00", ()),
]
# fmt: on

# unit code → (đánh giá chung, khó khăn, đề xuất); "{period}" is the period's name.
REPORT_TEXTS = {
    "QT-SVHTTDL": (
        "{period}, Sở Văn hóa, Thể thao và Du lịch triển khai đúng tiến độ các nhiệm vụ chủ "
        "trì; chuyên trang song ngữ và cơ sở dữ liệu thông tin đối ngoại được cập nhật thường "
        "xuyên.",
        "Nhân lực biên dịch tiếng Anh còn thiếu; một số đơn vị phối hợp gửi số liệu chậm.",
        "Đề nghị Ủy ban nhân dân tỉnh bổ sung kinh phí biên dịch cho chuyên trang song ngữ.",
    ),
    "QT-SNGV": (
        "{period}, Sở Ngoại vụ hoàn thành các nhiệm vụ được giao; bản tin đối ngoại phát hành "
        "đúng kỳ, công tác hướng dẫn phóng viên nước ngoài được bảo đảm.",
        "Thời gian chuẩn bị các hoạt động có yếu tố nước ngoài phụ thuộc vào lịch của đối tác.",
        "Đề nghị các sở, ngành gửi thông tin cho bản tin trước ngày 05 của tháng cuối quý.",
    ),
    "QT-CA": (
        "{period}, Công an tỉnh thực hiện tốt việc thẩm định nội dung các ấn phẩm thông tin "
        "đối ngoại và phối hợp xử lý thông tin sai sự thật liên quan đến tỉnh.",
        "Thông tin xấu độc trên mạng xã hội xuất hiện nhanh, khó xác minh nguồn.",
        "Đề nghị duy trì cơ chế trao đổi thông tin nhanh giữa các cơ quan chức năng.",
    ),
    "QT-BPTTH": (
        "{period}, Báo và Phát thanh, Truyền hình Quảng Trị duy trì chuyên mục đối ngoại và "
        "các bản tin tiếng Anh, tiếng Lào hằng tuần.",
        "Thiếu biên tập viên tiếng Lào; chi phí lồng tiếng phim tài liệu cao hơn dự toán.",
        "Đề nghị hỗ trợ kinh phí biên dịch, lồng tiếng tiếng Lào.",
    ),
    "QT-BDBP": (
        "{period}, Bộ Chỉ huy Bộ đội Biên phòng tỉnh triển khai việc lắp đặt pa-nô tuyên "
        "truyền về chủ quyền biển đảo theo kế hoạch.",
        "Thời tiết trên đảo Cồn Cỏ ảnh hưởng đến tiến độ thi công.",
        "",
    ),
    "QT-SDTTG": (
        "{period}, Sở Dân tộc và Tôn giáo cung cấp thông tin kịp thời cho báo chí về các vấn "
        "đề dân tộc, tôn giáo trên địa bàn.",
        "Số liệu của các xã gửi về chậm.",
        "",
    ),
    "QT-SCT": (
        "{period}, Sở Công Thương triển khai hội thảo truyền thông quốc tế cho doanh nghiệp "
        "xuất khẩu theo kế hoạch.",
        "",
        "",
    ),
    "QT-LHHN": (
        "{period}, Liên hiệp các tổ chức hữu nghị tỉnh phối hợp tổ chức hoạt động giao lưu "
        "hữu nghị với các tỉnh của Lào.",
        "",
        "",
    ),
    "QT-LAOBAO": (
        "{period}, Ủy ban nhân dân xã Lao Bảo phối hợp bố trí mặt bằng, giám sát lắp đặt "
        "pa-nô tại khu vực cửa khẩu.",
        "",
        "",
    ),
}
